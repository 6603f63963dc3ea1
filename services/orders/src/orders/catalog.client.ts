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
  /** The budget of one product read, retries included. */
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

  async function product(id: string): Promise<CatalogProduct | undefined> {
    try {
      // From catalog's primary, never a read replica that may lag behind a price just changed: what the
      // customer is charged is catalog's price now (services/catalog/README.md, read replicas).
      return await client.getJson<CatalogProduct>(`/products/${encodeURIComponent(id)}`, { headers: { 'cache-control': 'no-cache' } });
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') return undefined;
      if (error instanceof AppError && error.code === 'bad_gateway') {
        // Catalog answered, but not with a product: for the customer it is unavailable all the same.
        throw AppError.unavailable(`catalog could not price the order: ${error.message}`, { upstream: 'catalog' });
      }
      throw error;
    }
  }

  return {
    async products(ids) {
      const unique = [...new Set(ids)];
      const found = await Promise.all(unique.map(product));
      return new Map(unique.map((id, i) => [id, found[i]]));
    },
    state: () => client.state(),
    close: () => client.close(),
  };
}
