/**
 * Demo stock for `npm start`, loaded only while inventory has no movements at all: catalog's demo
 * SKUs BZR-0001 … BZR-0300 each get a goods receipt of a fixed quantity from 0 to 120, a few none at
 * all and a few below the low-stock threshold. Everything goes through the same use cases as the
 * API (ledger, snapshot, stock.changed), so the demo books balance like real ones.
 */
import { contracts } from '@bazaar/contracts';
import { createOutbox, createPool, withTransaction } from '@bazaar/platform';
import { loadSeedConfig, settingsFrom } from '../src/config.js';
import { ensureStockItem, receiveStock } from '../src/stock/stock.service.js';
import { countMovements } from '../src/stock/stock.store.js';

export const DEMO_SKU_COUNT = 300;
export const demoSku = (n: number): string => `BZR-${String(n).padStart(4, '0')}`;

/** The quantity received for demo SKU number `n`: the same on every run. */
export function demoQuantity(n: number): number {
  if (n % 37 === 0) return 0;
  if (n % 29 === 0) return 1 + (n % 4);
  return 6 + ((n * 73) % 115);
}

// Two seeders started at once take turns, and the second finds the first one's movements.
const SEED_LOCK = 0x696e7673; // "invs"

export async function seed(env: Record<string, string>, log: (line: string) => void): Promise<void> {
  const config = loadSeedConfig(env);
  // stock.changed goes to inventory's outbox like any change; inventory's relay sends it.
  const { publish } = createOutbox('inventory', contracts, env.MESSAGING_NAMESPACE);
  const deps = { settings: settingsFrom(config), now: () => new Date(), publish };
  const pool = createPool(config.INVENTORY_DATABASE_URL, { applicationName: 'inventory-seed', max: 2 });
  try {
    const received = await withTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
      if ((await countMovements(client)) > 0) return undefined;
      let units = 0;
      for (let n = 1; n <= DEMO_SKU_COUNT; n += 1) {
        const sku = demoSku(n);
        await ensureStockItem(client, deps, sku, null);
        const quantity = demoQuantity(n);
        if (quantity > 0) await receiveStock(client, deps, sku, quantity, 'demo stock');
        units += quantity;
      }
      return units;
    });
    if (received === undefined) log('stock movements already exist: demo stock not added');
    else log(`demo stock: ${received} units received across ${DEMO_SKU_COUNT} SKUs (${demoSku(1)} … ${demoSku(DEMO_SKU_COUNT)})`);
  } finally {
    await pool.end();
  }
}
