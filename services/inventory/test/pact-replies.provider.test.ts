// Inventory's side of orders' pact on the checkout saga's replies (pacts/orders-inventory.json).
// Each provider state sets up stock in a real inventory database; each message is what inventory's
// real command handler wrote to its outbox when given the command orders sends, read back from there.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { contracts, type Messages } from '@bazaar/contracts';
import { verifyPacts } from '@bazaar/contract-testing';
import { createEnvelope, payloadHandlers, withTransaction, type HandlerMap } from '@bazaar/platform';
import { createServiceTestDatabase, deliverMessage, onlyMessageWritten, type ServiceTestDatabase } from '@bazaar/platform/testing';
import { MIGRATIONS_DIR } from '../src/app.js';
import { createMessageHandlers } from '../src/events.js';
import type { StockDeps } from '../src/stock/stock.ledger.js';
import { ensureStockItem, receiveStock } from '../src/stock/stock.service.js';
import { newSku, settings } from './harness.js';

let db: ServiceTestDatabase<Messages>;
let deps: StockDeps;
let commandHandlers: HandlerMap<typeof contracts.commands>;

before(async () => {
  db = await createServiceTestDatabase({ service: 'inventory', label: 'inventory_pact_replies', migrationsDir: MIGRATIONS_DIR, contracts });
  deps = { settings, now: () => new Date(), publish: db.publish };
  commandHandlers = payloadHandlers(contracts.commands, createMessageHandlers({ settings, publish: db.publish }).commandHandlers);
});

after(async () => {
  await db?.close();
});

/** The reservation the current provider state is about: orders' ids (the state's parameters) and a SKU of its own. */
interface Given {
  orderId: string;
  reservationId: string;
  sku: string;
}
let given: Given | undefined;

function givenReservation(params: unknown): Given {
  const { orderId, reservationId } = (params ?? {}) as Partial<Given>;
  assert.ok(orderId && reservationId, `the provider state names no order and reservation: ${JSON.stringify(params)}`);
  given = { orderId, reservationId, sku: newSku('PACT') };
  return given;
}

const current = (): Given => {
  assert.ok(given, 'no provider state was set up');
  return given;
};

async function stockOf(sku: string, quantity: number): Promise<void> {
  await withTransaction(db.pool, async (client) => {
    await ensureStockItem(client, deps, sku, null);
    await receiveStock(client, deps, sku, quantity, 'pact provider state');
  });
}

/** A command as orders sends it, delivered as inventory's consumer delivers it: checked against its contract, then handled in a transaction. */
async function handle(type: 'inventory.reserve' | 'inventory.release', payload: Record<string, unknown>): Promise<void> {
  await deliverMessage({ pool: db.pool, contracts, kind: 'commands', handlers: commandHandlers }, createEnvelope('orders', type, 1, payload));
}

const reserve = (g: Given) =>
  handle('inventory.reserve', { reservationId: g.reservationId, orderId: g.orderId, items: [{ sku: g.sku, quantity: 2 }], ttlSeconds: 3600 });

/** Runs the command and returns the one message it made inventory write about the order, as its outbox holds it. */
const replyTo = (command: () => Promise<unknown>) => onlyMessageWritten(db.pool, current().orderId, command);

const stateHandlers = {
  'stock is available for every line of the reservation': async (params: unknown) => {
    await stockOf(givenReservation(params).sku, 10);
    return undefined;
  },
  'a line of the reservation is short of stock': async (params: unknown) => {
    await stockOf(givenReservation(params).sku, 1); // two are asked for
    return undefined;
  },
  'the reservation holds stock': async (params: unknown) => {
    const g = givenReservation(params);
    await stockOf(g.sku, 10);
    await reserve(g);
    return undefined;
  },
};

const messageProviders = {
  'stock.reserved: the answer to inventory.reserve when every line is held': () => replyTo(() => reserve(current())),
  'stock.reservation-rejected: the answer to inventory.reserve when a line is short': () => replyTo(() => reserve(current())),
  'stock.released: the answer to inventory.release': () =>
    replyTo(() => handle('inventory.release', { reservationId: current().reservationId, reason: 'checkout compensation' })),
};

test('inventory answers the saga\'s stock commands as orders expects', async () => {
  const results = await verifyPacts({ provider: 'inventory', consumers: ['orders'], stateHandlers, messageProviders });
  // On a failure pact prints each mismatch above; the error it returns repeats them as JSON.
  assert.deepEqual(results.map((r) => [r.consumer, r.success]), [['orders', true]]);
});
