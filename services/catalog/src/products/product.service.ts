import { AppError, withTransaction, type Pool, type PoolClient, type Queryable } from '@bazaar/platform';
import type { CatalogPublish } from '../events.js';
import {
  checkChangeable, checkCurrency, productCreated, productDiscontinued, productUpdated, PRODUCT_UPDATED_VERSIONS,
  type NewProduct, type Product, type ProductChanges,
} from './product.js';
import { findProduct, findProductDetail, insertImages, insertProducts, markDiscontinued, replaceImages, updateProduct, type StoredImage } from './product.store.js';

/** What changing products needs: the database, and where each change is announced. */
export interface ProductDeps {
  pool: Pool;
  publish: CatalogPublish;
}

export interface ProductDetail extends Product {
  images: StoredImage[];
  available: number | null;
  inStock: boolean | null;
}

/**
 * Adds products with their images and records product.created for each, all in the caller's
 * transaction: the API adds one, the demo seed a few hundred.
 */
export async function createProducts(client: PoolClient, publish: CatalogPublish, inputs: NewProduct[]): Promise<Product[]> {
  for (const input of inputs) checkCurrency(input.currency);
  const products = await insertProducts(client, inputs);
  await insertImages(client, products.map((p, i) => ({ productId: p.id, images: inputs[i]!.images ?? [] })));
  for (const product of products) await publish(client, 'product.created', productCreated(product));
  return products;
}

export async function createProduct({ pool, publish }: ProductDeps, input: NewProduct): Promise<ProductDetail> {
  const [product] = await withTransaction(pool, (client) => createProducts(client, publish, [input]));
  return (await productDetail(pool, product!.id))!;
}

async function lockChangeable(client: PoolClient, id: string): Promise<Product> {
  const product = await findProduct(client, id, { lock: true });
  if (!product) throw AppError.notFound(`product ${id}`);
  checkChangeable(product);
  return product;
}

/**
 * Applies an admin's changes, moves the product to its next version and records product.updated in
 * each version catalog's consumers still read (one message per version, each on its routing key).
 */
export async function changeProduct({ pool, publish }: ProductDeps, id: string, changes: ProductChanges): Promise<ProductDetail> {
  checkCurrency(changes.currency);
  await withTransaction(pool, async (client) => {
    await lockChangeable(client, id);
    const product = await updateProduct(client, id, changes);
    if (changes.images) await replaceImages(client, id, changes.images);
    for (const version of PRODUCT_UPDATED_VERSIONS) await publish(client, 'product.updated', productUpdated[version](product), { version, key: id });
  });
  return (await productDetail(pool, id))!;
}

/**
 * Soft delete: the product leaves listings but stays readable by id, since orders refer to it.
 * Discontinuing a discontinued product changes nothing and announces nothing.
 */
export async function discontinueProduct({ pool, publish }: ProductDeps, id: string): Promise<ProductDetail> {
  await withTransaction(pool, async (client) => {
    const product = await findProduct(client, id, { lock: true });
    if (!product) throw AppError.notFound(`product ${id}`);
    if (product.status === 'discontinued') return;
    await publish(client, 'product.discontinued', productDiscontinued(await markDiscontinued(client, id)));
  });
  return (await productDetail(pool, id))!;
}

/** A product of any status with its images in display order and its availability copy. */
export async function productDetail(db: Queryable, id: string): Promise<ProductDetail | undefined> {
  const found = await findProductDetail(db, id);
  if (!found) return undefined;
  return { ...found.product, images: found.images, available: found.available, inStock: found.available === null ? null : found.available > 0 };
}
