import { contracts } from '@bazaar/contracts';
import { createOutbox, createPool, uuidv5, withTransaction, type PoolClient } from '@bazaar/platform';
import { insertCategories } from '../src/categories/category.store.js';
import type { NewProduct } from '../src/products/product.js';
import { createProducts } from '../src/products/product.service.js';
import { hasProducts, lockForSeeding } from '../src/products/product.store.js';
import { recordReview } from '../src/reviews/review.service.js';
import { ADJECTIVES, CATEGORIES, FEATURES, REVIEW_COMMENTS, type ProductKind } from './demo-data.js';

/** How many products the demo catalog has: SKUs BZR-0001 … BZR-0300, which inventory's demo stocks. */
export const DEMO_PRODUCTS = 300;
const FIRST_CREATED = Date.parse('2025-01-01T09:00:00.000Z');

/** mulberry32: a small seeded generator, so the demo catalog is the same on every run. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

/** A shop-like price: whole euros ending in 9, or .99 (at least 1.99). */
function price(random: Random, kind: ProductKind): number {
  const cents = between(random, kind.minCents, kind.maxCents);
  return random() < 0.5 ? Math.max(199, Math.floor(cents / 100) * 100 - 1) : Math.floor(cents / 1000) * 1000 + 900;
}

function demoProduct(random: Random, n: number, categoryId: string, kind: ProductKind): NewProduct {
  const sku = `BZR-${String(n).padStart(4, '0')}`;
  const material = pick(random, kind.materials);
  const label = kind.materialInName ? `${material.replace(/\b\w/g, (c) => c.toUpperCase())} ${kind.noun}` : kind.noun;
  const name = `${pick(random, ADJECTIVES)} ${label}`;
  // Lower-case for prose, but keep acronyms ("A USB-C hub", "An olive tree").
  const noun = kind.noun.split(' ').map((w) => (/[A-Z].*[A-Z]/.test(w) ? w : w.toLowerCase())).join(' ');
  const description = `${/^[aeiou]/.test(noun) ? 'An' : 'A'} ${noun} in ${material}, made for ${pick(random, kind.uses)}. ${pick(random, FEATURES)}`;
  const images = Array.from({ length: between(random, 1, 3) }, (_, i) => ({
    url: `/images/products/${sku.toLowerCase()}-${i + 1}.jpg`,
    alt: `${name}, view ${i + 1}`,
  }));
  // Spread over time, a few hours apart, so "newest first" has a stable, meaningful order.
  const createdAt = new Date(FIRST_CREATED + n * 3 * 3_600_000 + between(random, 0, 3_599) * 1000);
  return { sku, name, description, priceMinor: price(random, kind), currency: 'EUR', categoryId, images, createdAt };
}

async function addCategories(client: PoolClient): Promise<{ id: string; kinds: ProductKind[] }[]> {
  const parents = await insertCategories(client, CATEGORIES.map(({ slug, name }) => ({ slug, name })));
  const idOf = new Map(parents.map((c) => [c.slug, c.id]));
  const leaves = CATEGORIES.flatMap((top) => top.children.map((child) => ({ ...child, parentId: idOf.get(top.slug)! })));
  const children = await insertCategories(client, leaves.map(({ slug, name, parentId }) => ({ slug, name, parentId })));
  const leafId = new Map(children.map((c) => [c.slug, c.id]));
  return leaves.map((leaf) => ({ id: leafId.get(leaf.slug)!, kinds: leaf.kinds }));
}

async function addReviews(client: PoolClient, random: Random, productIds: string[]): Promise<number> {
  let count = 0;
  for (const [i, productId] of productIds.entries()) {
    if (i % 5 !== 0) continue; // every fifth product has one to four reviews
    for (let r = between(random, 1, 4); r > 0; r--) {
      const [rating, comment] = pick(random, REVIEW_COMMENTS);
      const createdAt = new Date(FIRST_CREATED + (i + 1) * 3 * 3_600_000 + between(random, 1, 60) * 86_400_000);
      // A name-based id: the same demo reviewer on every run, and a different one for each review of a product.
      const reviewerId = uuidv5(`catalog demo reviewer ${i + 1}.${r}`);
      await recordReview(client, productId, reviewerId, { rating, comment, createdAt });
      count++;
    }
  }
  return count;
}

/**
 * Loads the demo catalog into an empty catalog database (the launcher calls this after migrating).
 * It goes through the same store functions as the API, publishing to catalog's outbox, so each product's
 * product.created is recorded with it, and it is one transaction: all of it or nothing.
 */
export async function seed(env: Record<string, string>, log: (line: string) => void): Promise<void> {
  const url = env.CATALOG_DATABASE_URL;
  if (!url) throw new Error('CATALOG_DATABASE_URL is not set');
  const pool = createPool(url, { max: 1, applicationName: 'catalog-seed', statementTimeoutMs: 60_000 });
  // The seed writes product.created to catalog's outbox like the API does; catalog's relay sends it.
  const { publish } = createOutbox('catalog', contracts, env.MESSAGING_NAMESPACE);
  try {
    const started = Date.now();
    const loaded = await withTransaction(pool, async (client) => {
      await lockForSeeding(client);
      if (await hasProducts(client)) return undefined;
      const random = prng(20_250_101);
      const leaves = await addCategories(client);
      const inputs = Array.from({ length: DEMO_PRODUCTS }, (_, i) => {
        const leaf = leaves[i % leaves.length]!;
        return demoProduct(random, i + 1, leaf.id, pick(random, leaf.kinds));
      });
      const products = await createProducts(client, publish, inputs);
      const reviews = await addReviews(client, random, products.map((p) => p.id));
      return { categories: CATEGORIES.length + leaves.length, products: products.length, reviews };
    });
    if (!loaded) log('demo catalog: products already present, nothing added');
    else log(`demo catalog: ${loaded.categories} categories, ${loaded.products} products, ${loaded.reviews} reviews in ${Date.now() - started} ms`);
  } finally {
    await pool.end();
  }
}
