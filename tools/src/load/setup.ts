/**
 * What the load generator needs before it starts the clock, made through the gateway as the shop's
 * own users would: a pool of customers (signed in, or signed up the first time, each with a saved
 * card), products of its own with ample stock (made by an admin), and what there is to browse
 * (every active product, the category slugs, words to search for).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { BackOff, Gateway, Refused, Session, callAs, type Answer } from '../courier-sim/api.js';

/** The simulator's approving test card (services/payments/README.md). */
const APPROVING_CARD = '4242 4242 4242 4242';
export const LOAD_PASSWORD = 'Load-generator-Bazaar-2026!';
/** Units received of each of the generator's products: more than any run can sell. */
export const STOCK_PER_PRODUCT = 1_000_000;

export interface LoadUser {
  index: number;
  session: Session;
  paymentMethodId: string;
  /** The storefront keeps the cart in the browser: product id → quantity. */
  cart: Map<string, number>;
}

export interface LoadProduct { id: string; sku: string; name: string; priceMinor: number }

export interface LoadShop {
  gateway: Gateway;
  admin: Session;
  users: LoadUser[];
  /** The generator's own products, the only ones put in carts, so the stock audit is its own. */
  products: LoadProduct[];
  /** Every active product (the demo catalog's and the generator's), for product pages. */
  browseIds: string[];
  categories: string[];
  words: string[];
  categoryId: string;
  notes: string[];
}

/** Calls again while the gateway or a service asks to wait (429, 503, no answer), up to `tries` times. */
export async function patiently<T>(what: () => Promise<T>, say: (line: string) => void, tries = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await what();
    } catch (error) {
      if (!(error instanceof BackOff) || attempt >= tries) throw error;
      say(`${error.message}: waiting ${Math.round(error.waitMs / 1000)} s`);
      await sleep(error.waitMs);
    }
  }
}

function expect(answer: Answer, status: number, what: string): Record<string, unknown> {
  if (answer.status !== status) throw new Refused(what, answer);
  return answer.body;
}

export async function signInAdmin(gateway: Gateway, email: string, password: string): Promise<Session> {
  const admin = new Session(gateway, email, password);
  try {
    await admin.login();
  } catch (error) {
    if (error instanceof Refused && error.answer.status === 401) {
      throw new Error(`cannot sign in as the admin ${email}: the demo seed makes admin@bazaar.test / Bazaar-admin-1 when identity has no users (npm start without --no-seed); for another admin set LOAD_ADMIN_EMAIL and LOAD_ADMIN_PASSWORD`);
    }
    throw error;
  }
  if (!admin.roles.includes('admin')) throw new Error(`${email} signs in but is not an admin (identity names admins in IDENTITY_ADMIN_EMAILS)`);
  return admin;
}

/**
 * The pool: `load-NN@…` customers signed in, or signed up when they have no account yet. identity
 * allows a client address a few sign-ups per 10 minutes (10 under npm start): past that the pool is
 * the customers there are, with a note, or an error when there are none.
 */
async function customers(gateway: Gateway, count: number, domain: string, say: (line: string) => void, notes: string[]): Promise<LoadUser[]> {
  const users: LoadUser[] = [];
  for (let i = 1; i <= count; i++) {
    const email = `load-${String(i).padStart(2, '0')}@${domain}`;
    const session = new Session(gateway, email, LOAD_PASSWORD);
    try {
      await patiently(() => session.login(), say, 3);
    } catch (error) {
      if (!(error instanceof Refused) || error.answer.status !== 401) throw error;
      try {
        // With no customer yet there is nothing to run with: wait out identity's window (10 minutes at most).
        const register = () => session.register(`Load customer ${i}`);
        if (!(await (users.length === 0 ? patiently(register, say, 12) : register()))) throw new Error(`${email} has an account whose password is not the generator's: use another --users-domain`);
      } catch (signUp) {
        if (!(signUp instanceof BackOff)) throw signUp;
        notes.push(`identity refused more sign-ups from this address (${signUp.message}): the pool is the ${users.length} customer(s) there are; a later run signs the rest up`);
        say(notes.at(-1)!);
        break;
      }
    }
    const methods = expect(await patiently(() => callAs(gateway, session, 'GET', '/payments/methods'), say), 200, 'list cards').items as { paymentMethodId: string }[];
    const paymentMethodId = methods[0]?.paymentMethodId ?? (expect(await patiently(() => callAs(gateway, session, 'POST', '/payments/methods', {
      card: { number: APPROVING_CARD, expMonth: 12, expYear: new Date().getUTCFullYear() + 3, cvc: '123' },
    }), say), 201, 'save a card').paymentMethodId as string);
    users.push({ index: i, session, paymentMethodId, cart: new Map() });
  }
  if (users.length === 0) throw new Error('no customer could sign in or sign up: identity limits sign-ups per address to 10 in 10 minutes; wait and run again');
  return users;
}

/** A category and `count` products of the run's own, each with STOCK_PER_PRODUCT units received once inventory has opened it. */
async function ownProducts(gateway: Gateway, admin: Session, run: string, count: number, say: (line: string) => void): Promise<{ categoryId: string; products: LoadProduct[] }> {
  const call = (method: string, path: string, body?: unknown) => patiently(() => callAs(gateway, admin, method, path, body), say);
  const category = expect(await call('POST', '/categories', { slug: `load-${run.toLowerCase()}`, name: `Load test ${run}` }), 201, 'create the category');
  const products: LoadProduct[] = [];
  for (const [i, priceMinor] of [1_250, 2_500, 4_900, 8_900, 12_900, 33_000].entries()) {
    const sku = `LOAD-${run}-${i + 1}`;
    const name = `Load test item ${i + 1}`;
    const created = expect(await call('POST', '/products', { sku, name, priceMinor, currency: 'EUR', categoryId: category.id }), 201, `create ${sku}`);
    products.push({ id: created.id as string, sku, name, priceMinor });
  }
  for (const product of products) {
    for (let tries = 0; (await call('GET', `/inventory/${product.sku}`)).status !== 200; tries++) {
      if (tries > 300) throw new Error(`inventory never opened ${product.sku} (it does on catalog's product.created event): is inventory consuming?`);
      await sleep(100);
    }
    expect(await call('POST', `/inventory/${product.sku}/receive`, { quantity: STOCK_PER_PRODUCT, reason: 'load test stock' }), 200, `receive ${product.sku}`);
  }
  return { categoryId: category.id as string, products };
}

/** Every active product id (up to 1000), the category slugs and a few words of product names. */
async function browsable(gateway: Gateway, user: Session, say: (line: string) => void): Promise<{ ids: string[]; categories: string[]; words: string[] }> {
  const ids: string[] = [];
  const words = new Set<string>();
  let cursor: string | null = null;
  do {
    const page = expect(await patiently(() => callAs(gateway, user, 'GET', `/products?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`), say), 200, 'list products');
    for (const item of page.items as { id: string; name: string }[]) {
      ids.push(item.id);
      for (const word of item.name.toLowerCase().split(/[^a-z]+/)) if (word.length >= 4) words.add(word);
    }
    cursor = page.nextCursor as string | null;
  } while (cursor && ids.length < 1000);
  const tree = expect(await patiently(() => callAs(gateway, user, 'GET', '/categories'), say), 200, 'list categories').items as unknown[];
  const categories: string[] = [];
  const walk = (node: unknown) => {
    const { slug, children } = node as { slug?: string; children?: unknown[] };
    if (slug) categories.push(slug);
    for (const child of children ?? []) walk(child);
  };
  tree.forEach(walk);
  return { ids, categories, words: [...words].slice(0, 50) };
}

export async function prepareShop(options: {
  gateway: string; admin: { email: string; password: string }; users: number; usersDomain: string; run: string; say: (line: string) => void; signal: AbortSignal;
}): Promise<LoadShop> {
  const { say } = options;
  const gateway = new Gateway(options.gateway, options.signal, 15_000);
  const notes: string[] = [];
  const admin = await patiently(() => signInAdmin(gateway, options.admin.email, options.admin.password), say);
  say(`signed in as the admin ${options.admin.email}; making ${options.run}'s products…`);
  const { categoryId, products } = await ownProducts(gateway, admin, options.run, 6, say);
  say(`${products.length} products with ${STOCK_PER_PRODUCT} units each; signing the customers in…`);
  const users = await customers(gateway, options.users, options.usersDomain, say, notes);
  const { ids, categories, words } = await browsable(gateway, users[0]!.session, say);
  for (const p of products) if (!ids.includes(p.id)) ids.push(p.id);
  say(`${users.length} customers, ${ids.length} products to browse, ${categories.length} categories, ${words.length} search words`);
  return { gateway, admin, users, products, browseIds: ids, categories, words, categoryId, notes };
}

/** Takes the run's products out of listings (they stay readable, and their orders keep them). */
export async function discontinue(shop: LoadShop, say: (line: string) => void): Promise<void> {
  for (const product of shop.products) {
    const answer = await patiently(() => callAs(shop.gateway, shop.admin, 'DELETE', `/products/${product.id}`), say).catch((error: Error) => ({ status: 0, body: { detail: error.message } }));
    if (answer.status >= 300) say(`could not discontinue ${product.sku}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
  }
}
