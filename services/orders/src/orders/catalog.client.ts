import { AppError, createServiceClient, type BreakerState, type Logger } from '@bazaar/platform';
import type { CatalogProduct } from './order.js';

/** Catalog as orders sees it: the current price and status of products, read at checkout. */
export interface Catalog {
  /** The products by id; a product catalog does not know maps to undefined. Throws 503 when catalog gives no answer. */
  products(ids: readonly string[]): Promise<Map<string, CatalogProduct | undefined>>;
  /** The circuit breaker's state, for `/health`. */
  state(): BreakerState;
  close(): Promise<void>;
}

export interface CatalogOptions {
  baseUrl: string;
  /** The budget of one read of a cart's prices, retries included. */
  timeoutMs: number;
  logger?: Logger;
}

/** Reads catalog over HTTP through the kit's client: timeout, retries with jitter, circuit breaker. */
export function createCatalog(options: CatalogOptions): Catalog {
  const client = createServiceClient({
    name: 'catalog',
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs,
    retry: { maxAttempts: 2 },
    ...(options.logger ? { logger: options.logger } : {}),
  });

  /** Catalog's most ids per call (its `GET /products/prices`); a cart has at most 50 lines. */
  const PER_CALL = 100;

  async function prices(ids: readonly string[]): Promise<CatalogProduct[]> {
    try {
      // From catalog's primary, never a read replica that may lag behind a price just changed: what the
      // customer is charged is catalog's price now (services/catalog/README.md, read replicas).
      const answer = await client.getJson<{ items: CatalogProduct[] }>(`/products/prices?ids=${ids.map(encodeURIComponent).join(',')}`, { headers: { 'cache-control': 'no-cache' } });
      if (!Array.isArray(answer?.items)) throw new AppError('bad_gateway', 'catalog answered without a list of prices', { extensions: { upstream: 'catalog' } });
      return answer.items;
    } catch (error) {
      if (error instanceof AppError && error.code === 'bad_gateway') {
        // Catalog answered, but not with prices: for the customer it is unavailable all the same.
        throw AppError.unavailable(`catalog could not price the order: ${error.message}`, { upstream: 'catalog' });
      }
      throw error;
    }
  }

  return {
    async products(ids) {
      const unique = [...new Set(ids)];
      const found = new Map<string, CatalogProduct>();
      // One call for a whole cart (a cart has at most 50 lines); a product catalog leaves out is unknown to it.
      for (let at = 0; at < unique.length; at += PER_CALL) {
        for (const product of await prices(unique.slice(at, at + PER_CALL))) found.set(product.id, product);
      }
      return new Map(unique.map((id) => [id, found.get(id)]));
    },
    state: () => client.state(),
    close: () => client.close(),
  };
}
