// analytics' confirmations of erasures (user.erased), sent without an outbox: each round reads the
// deletions whose confirmation has not come back on analytics' own queue (raw_events holds both) and
// publishes one for each, waiting for the broker's confirm. A confirmation lost, or sent twice
// across a crash, is harmless: the next round sends it again, and identity keeps the first.
import amqp, { type ChannelModel, type ConfirmChannel } from 'amqplib';
import { ContractValidator, createEnvelope, topologyNames, type Envelope, type Logger } from '@bazaar/platform';
import { contracts } from '@bazaar/contracts';
import type { Warehouse } from '../warehouse/warehouse.js';
import { pendingErasures } from './erasure.js';

export interface ErasureAnnouncerOptions {
  amqpUrl: string;
  namespace?: string | undefined;
  logger: Logger;
  now?: () => Date;
}

export interface ErasureAnnouncer {
  /** One round: the confirmations still owed, published. How many. */
  announce(): Promise<number>;
  close(): Promise<void>;
}

const validator = new ContractValidator(contracts);

/** analytics' confirmation that it erased what it held of the user: the message the announcer publishes. */
export function confirmationOf(userId: string, at: Date): Envelope {
  const payload = { userId, service: 'analytics', erasedAt: at.toISOString(), summary: "identity's events about the user cut to the id and times" };
  validator.assertPayload('user.erased', 1, payload);
  return createEnvelope('analytics', 'user.erased', 1, payload);
}

export function createErasureAnnouncer(warehouse: Warehouse, options: ErasureAnnouncerOptions): ErasureAnnouncer {
  const exchange = topologyNames('analytics', options.namespace).exchanges.events;
  const now = options.now ?? (() => new Date());
  let connection: ChannelModel | undefined;
  let channel: ConfirmChannel | undefined;

  async function open(): Promise<ConfirmChannel> {
    if (channel) return channel;
    connection = await amqp.connect(options.amqpUrl, { clientProperties: { connection_name: 'analytics.erasures' } });
    connection.on('error', (error: unknown) => options.logger.warn({ err: error }, 'erasure announcer: broker connection error'));
    connection.on('close', () => { connection = undefined; channel = undefined; });
    channel = await connection.createConfirmChannel();
    return channel;
  }

  return {
    async announce() {
      const owed = await pendingErasures(warehouse);
      if (owed.length === 0) return 0;
      const ch = await open();
      for (const userId of owed) {
        const envelope = confirmationOf(userId, now());
        ch.publish(exchange, 'user.erased', Buffer.from(JSON.stringify(envelope)), {
          persistent: true, messageId: envelope.id, type: 'user.erased', contentType: 'application/json', headers: { traceparent: envelope.traceparent },
        });
      }
      await ch.waitForConfirms();
      return owed.length;
    },
    async close() {
      const open = connection;
      connection = undefined;
      channel = undefined;
      await open?.close().catch(() => undefined);
    },
  };
}
