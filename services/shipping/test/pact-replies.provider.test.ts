// Shipping's side of orders' pact on the checkout saga's replies and the delivery's events
// (pacts/orders-shipping.json), of inventory's on the dispatch and the return
// (pacts/inventory-shipping.json), and of notifications' on what it tells the customer of the delivery
// (pacts/notifications-shipping.json). Each provider state sets up the order's shipment (or the address it is
// to go to) in a real shipping database; each message is what shipping's real code wrote to its outbox,
// read back from there: the command handler given the command orders sends, or the dispatcher and the
// courier's calls taking the parcel along its journey (pact-delivery.journey.ts).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { contracts as messageContracts } from '@bazaar/contracts';
import { verifyPacts } from '@bazaar/contract-testing';
import { ContractValidator, withTransaction } from '@bazaar/platform';
import { onlyMessageWritten } from '@bazaar/platform/testing';
import { FAILING_COUNTRY } from '../src/shipments/shipment.js';
import { findShipment, setStatus } from '../src/shipments/shipment.store.js';
import { createCommand, shippingWith } from './fixtures.js';
import { MAX_ATTEMPTS, startJourneys, type Journeys } from './pact-delivery.journey.js';
import { setUpDatabase, type TestDb } from './support.js';

let db: TestDb;
let shipping: ReturnType<typeof shippingWith>;
let journeys: Journeys;
const contracts = new ContractValidator(messageContracts);

before(async () => {
  db = await setUpDatabase('shipping_pact_replies');
  shipping = shippingWith(db);
  journeys = await startJourneys(db);
});

after(async () => {
  await journeys?.close();
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

const orderOf = (params: unknown): string => {
  const { orderId } = (params ?? {}) as { orderId?: string };
  assert.ok(orderId, `the provider state names no order: ${JSON.stringify(params)}`);
  return orderId;
};

/** The parcel's journey, as far as each delivery event needs it to have come. */
const deliveryStates = {
  'a courier is on shift near the order\'s confirmed shipment': async (params: unknown) => {
    await journeys.confirmed(orderOf(params));
    return undefined;
  },
  'the order\'s shipment has been given to a courier': async (params: unknown) => {
    await journeys.confirmed(orderOf(params));
    await journeys.dispatch();
    return undefined;
  },
  'the courier has picked up the order\'s parcel': async (params: unknown) => {
    await journeys.confirmed(orderOf(params));
    await journeys.dispatch();
    await journeys.courier('pickup');
    return undefined;
  },
  'the courier has failed every delivery attempt of the order\'s parcel but the last': async (params: unknown) => {
    await journeys.confirmed(orderOf(params));
    await journeys.dispatch();
    await journeys.courier('pickup');
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) await journeys.courier('failed-attempts', { attempt, reason: 'nobody home' });
    return undefined;
  },
};

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
  ...deliveryStates,
};

const create = () => replyTo(() => shipping.create(current().create));
const cancel = () => replyTo(() => shipping.cancel(current().orderId, 'checkout compensation'));

const messageProviders = {
  'shipment.created: the answer to shipping.create-shipment': create,
  'shipment.failed: the answer to shipping.create-shipment when the address cannot be shipped to': create,
  'shipment.cancelled: the answer to shipping.cancel-shipment': cancel,
  'shipment.cancel-refused: the answer to shipping.cancel-shipment once the courier has the parcel': cancel,
  'shipment.dispatched: a courier was given the parcel': () => journeys.messageOf('shipment.dispatched', () => journeys.dispatch()),
  'shipment.picked_up: the courier has the parcel': () => journeys.messageOf('shipment.picked_up', () => journeys.courier('pickup')),
  'shipment.handed_back: the courier ended the shift with the parcel': () => journeys.messageOf('shipment.handed_back', () => journeys.endShift()),
  'shipment.attempt_failed: a delivery attempt failed, more to come': () =>
    journeys.messageOf('shipment.attempt_failed', () => journeys.courier('failed-attempts', { attempt: 1, reason: 'nobody home' })),
  'shipment.delivered: the recipient has the parcel': () => journeys.messageOf('shipment.delivered', () => journeys.courier('delivered')),
  'shipment.returned: the parcel came back undelivered': () =>
    journeys.messageOf('shipment.returned', () => journeys.courier('failed-attempts', { attempt: MAX_ATTEMPTS, reason: 'nobody home' })),
};

test('shipping answers the saga\'s shipment commands and tells of the delivery as orders, inventory and notifications expect', async () => {
  const results = await verifyPacts({ provider: 'shipping', consumers: ['orders', 'inventory', 'notifications'], stateHandlers, messageProviders });
  // On a failure pact prints each mismatch above; the error it returns repeats them as JSON.
  assert.deepEqual(results.map((r) => [r.consumer, r.success]).sort(), [['inventory', true], ['notifications', true], ['orders', true]]);
});
