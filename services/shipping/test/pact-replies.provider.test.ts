// Shipping's side of orders' pact on the checkout saga's replies (pacts/orders-shipping.json). Each
// provider state sets up the order's shipment (or the address it is to go to) in a real shipping
// database; each message is what shipping's real command handler wrote to its outbox when given the
// command orders sends, read back from there.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { contracts as messageContracts } from '@bazaar/contracts';
import { verifyPacts } from '@bazaar/contract-testing';
import { ContractValidator, withTransaction } from '@bazaar/platform';
import { onlyMessageWritten } from '@bazaar/platform/testing';
import { FAILING_COUNTRY } from '../src/shipments/shipment.js';
import { findShipment, setStatus } from '../src/shipments/shipment.store.js';
import { createCommand, shippingWith } from './fixtures.js';
import { setUpDatabase, type TestDb } from './support.js';

let db: TestDb;
let shipping: ReturnType<typeof shippingWith>;
const contracts = new ContractValidator(messageContracts);

before(async () => {
  db = await setUpDatabase('shipping_pact_replies');
  shipping = shippingWith(db);
});

after(async () => {
  await db?.close();
});

/** What the current provider state is about: orders' order, and the create-shipment command for it. */
interface Given {
  orderId: string;
  create: ReturnType<typeof createCommand>;
}
let given: Given | undefined;

const current = (): Given => {
  assert.ok(given, 'no provider state was set up');
  return given;
};

/**
 * The create-shipment command orders sends for its order (checked against its contract), to this
 * recipient; with the request id the state names, if it names one (the state's parameters).
 */
function givenOrder(params: unknown, recipient: Parameters<typeof createCommand>[1] = {}): Given {
  const { orderId, shipmentRequestId } = (params ?? {}) as { orderId?: string; shipmentRequestId?: string };
  assert.ok(orderId, `the provider state names no order: ${JSON.stringify(params)}`);
  const create = createCommand({ orderId, ...(shipmentRequestId ? { shipmentRequestId } : {}) }, recipient);
  contracts.assertPayload('shipping.create-shipment', 1, create);
  given = { orderId, create };
  return given;
}

/** Runs the command and returns the one message it made shipping write about the order, as its outbox holds it. */
const replyTo = (command: () => Promise<unknown>) => onlyMessageWritten(db.pool, current().orderId, command);

const stateHandlers = {
  'the recipient\'s address can be shipped to': async (params: unknown) => {
    givenOrder(params);
    return undefined;
  },
  'the recipient\'s country is not shipped to': async (params: unknown) => {
    givenOrder(params, { country: FAILING_COUNTRY });
    return undefined;
  },
  'the order\'s shipment has not been dispatched': async (params: unknown) => {
    await shipping.create(givenOrder(params).create);
    return undefined;
  },
  'the order\'s shipment has been dispatched': async (params: unknown) => {
    const { orderId, create } = givenOrder(params);
    await shipping.create(create);
    const shipment = await findShipment(db.pool, { orderId });
    assert.ok(shipment, 'the shipment was not created');
    await withTransaction(db.pool, (client) => setStatus(client, shipment.id, 'dispatched', null));
    return undefined;
  },
};

const create = () => replyTo(() => shipping.create(current().create));
const cancel = () => replyTo(() => shipping.cancel(current().orderId, 'checkout compensation'));

const messageProviders = {
  'shipment.created: the answer to shipping.create-shipment': create,
  'shipment.failed: the answer to shipping.create-shipment when the address cannot be shipped to': create,
  'shipment.cancelled: the answer to shipping.cancel-shipment': cancel,
  'shipment.cancel-refused: the answer to shipping.cancel-shipment once the courier has the parcel': cancel,
};

test('shipping answers the saga\'s shipment commands as orders expects', async () => {
  const results = await verifyPacts({ provider: 'shipping', consumers: ['orders'], stateHandlers, messageProviders });
  // On a failure pact prints each mismatch above; the error it returns repeats them as JSON.
  assert.deepEqual(results.map((r) => [r.consumer, r.success]), [['orders', true]]);
});
