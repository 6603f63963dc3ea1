// What inventory relies on in the checkout saga's commands, recorded as a message pact (inventory ←
// orders): orders sends inventory.reserve and inventory.release (inventory.commit is in the contracts,
// but orders never sends it). Each message is what arrives on inventory's commands queue: the
// envelope its kit checks on receipt and the payload the contract requires, plus ttlSeconds, which is
// optional in the contract but sent by orders and read by inventory's reserve. Values that may be
// anything of their kind are matched by format, not by the example. The example is then delivered as
// inventory's consumer delivers it (contract check, then handler and inbox row in one transaction of
// its own database), and its effect on stock is asserted.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { commands, events } from '@bazaar/contracts';
import { consumerPact, MatchersV3 } from '@bazaar/contract-testing';
import {
  ContractValidator, payloadHandlers, runWithContext, withTransaction, type MessageHandler, type MessageKind, type Pool,
} from '@bazaar/platform';
import { reserve } from '../src/stock/reservation.service.js';
import { findReservation } from '../src/stock/reservation.store.js';
import { findStockItem } from '../src/stock/stock.store.js';
import { startInventory, type Harness } from './harness.js';

const { eachLike, integer, regex } = MatchersV3;
const uuid = (example: string) => regex('^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$', example);
const timestamp = (example: string) => regex('^\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})$', example);
const text = (example: string, max?: number) => regex(max ? `^.{1,${max}}$` : '^.+$', example);
const sku = (example: string) => regex('^[A-Z0-9]+(-[A-Z0-9]+)*$', example);

/** The envelope as inventory's kit checks it: every field is required; type and version pick the contract. */
const envelope = (type: string, id: string, source: string, payload: Record<string, unknown>) => ({
  id: uuid(id),
  type,
  version: 1,
  source: text(source),
  occurredAt: timestamp('2026-03-14T10:00:00.000Z'),
  correlationId: text(id, 128),
  causationId: text(id, 128),
  traceparent: regex('^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'),
  payload,
});

const validator = new ContractValidator({ events, commands });

/**
 * What inventory's message consumer does with a delivery (MessageConsumer in the kit): parse it and
 * check it against the contracts, then run the handler and record the inbox row in one transaction,
 * in the message's context.
 */
async function receive(pool: Pool, kind: MessageKind, handlers: Record<string, MessageHandler>, content: unknown): Promise<void> {
  const delivered = validator.parse(Buffer.from(JSON.stringify(content)));
  assert.equal(validator.kindOf(delivered.type), kind, `${delivered.type} is one of the ${kind}`);
  const handler = handlers[delivered.type];
  assert.ok(handler, `inventory handles ${delivered.type}`);
  await withTransaction(pool, async (client) => {
    await client.query('INSERT INTO inbox (message_id, handler) VALUES ($1, $2)', [delivered.id, delivered.type]);
    const context = { correlationId: delivered.correlationId, causationId: delivered.id, traceparent: delivered.traceparent };
    await runWithContext(context, () => handler(delivered, client, { kind, attempt: 1, redelivered: false }));
  });
}

const TTL_SECONDS = 604_800;

describe('inventory ← orders (message pact)', () => {
  let h: Harness;
  let commandHandlers: Record<string, MessageHandler>;
  const pact = consumerPact({ consumer: 'inventory', provider: 'orders' });
  before(async () => {
    h = await startInventory('pact_commands');
    commandHandlers = payloadHandlers(h.handlers.commandHandlers); // as main.ts registers them
  });
  after(() => h.close());

  test('inventory.reserve holds every line for the order, for as long as orders asks', async () => {
    const reservationId = '0195f0a4-1c2b-7d3e-8f40-00000000b001';
    await h.givenStock('LAMP-001', 5);
    await pact
      .addAsynchronousInteraction()
      .given("the checkout's payment is authorized")
      .expectsToReceive('an inventory.reserve command', (message) => message.withJSONContent(envelope('inventory.reserve', '0195f0a4-1c2b-7d3e-8f40-00000000e201', 'orders', {
        reservationId: uuid(reservationId),
        orderId: uuid('0195f0a4-1c2b-7d3e-8f40-00000000a001'),
        items: eachLike({ sku: sku('LAMP-001'), quantity: integer(2) }),
        ttlSeconds: integer(TTL_SECONDS),
      })))
      .executeTest(async (message) => {
        await receive(h.pool, 'commands', commandHandlers, message.contents.content);
        const item = await findStockItem(h.pool, 'LAMP-001');
        assert.deepEqual([item?.onHand, item?.reserved, item?.available], [5, 2, 3]);
        const held = await findReservation(h.pool, reservationId, { lock: false });
        assert.equal(held?.status, 'active');
        const ttl = (held!.expiresAt.getTime() - Date.now()) / 1000;
        assert.ok(Math.abs(ttl - TTL_SECONDS) < 60, `held for the ${TTL_SECONDS} s asked (${ttl} s)`);
        assert.deepEqual((await h.published('stock.reserved')).map((e) => e.payload.reservationId), [reservationId]);
      });
  });

  test('inventory.release gives a reservation\'s stock back', async () => {
    const reservationId = '0195f0a4-1c2b-7d3e-8f40-00000000b002';
    await h.givenStock('DESK-002', 3);
    await h.tx((client) => reserve(client, h.deps, { reservationId, orderId: '0195f0a4-1c2b-7d3e-8f40-00000000a002', items: [{ sku: 'DESK-002', quantity: 1 }] }));
    assert.equal((await findStockItem(h.pool, 'DESK-002'))?.available, 2);
    await pact
      .addAsynchronousInteraction()
      .given("the checkout's shipment failed")
      .expectsToReceive('an inventory.release command', (message) => message.withJSONContent(envelope('inventory.release', '0195f0a4-1c2b-7d3e-8f40-00000000e202', 'orders', {
        reservationId: uuid(reservationId),
        reason: text('shipment failed: unsupported_country', 200),
      })))
      .executeTest(async (message) => {
        await receive(h.pool, 'commands', commandHandlers, message.contents.content);
        const item = await findStockItem(h.pool, 'DESK-002');
        assert.deepEqual([item?.onHand, item?.reserved, item?.available], [3, 0, 3]);
        assert.equal((await findReservation(h.pool, reservationId, { lock: false }))?.status, 'released');
        assert.deepEqual((await h.published('stock.released')).map((e) => e.payload.reservationId), [reservationId]);
      });
  });
});
