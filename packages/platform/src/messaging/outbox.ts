import { afterCommit, type Queryable } from '../db/pool.js';
import { createEnvelope, type Envelope } from './envelope.js';
import type { ContractValidator, MessagePayload, MessageRegistry, MessageType, MessageVersion } from './contracts.js';
import type { Publish } from './publisher.js';
import { routingKeyOf, type TopologyNames } from './topology.js';

const COLUMNS = ['id', 'type', 'version', 'exchange', 'routing_key', 'message_key', 'envelope'] as const;
const COLUMN_TYPES = ['uuid', 'text', 'integer', 'text', 'text', 'text', 'jsonb'] as const;
// PostgreSQL takes at most 65,535 parameters in one statement.
const ROWS_PER_INSERT = 1000;

/** What a service hands to {@link Outbox.enqueue}. */
export interface OutgoingMessage<R extends MessageRegistry, T extends MessageType<R>> {
  type: T;
  /**
   * Defaults to the latest version in the contracts. A producer that writes several versions of one
   * change (see {@link routingKeyOf}) enqueues one message per version.
   */
  version?: MessageVersion<R, T>;
  payload: MessagePayload<R, T>;
  /**
   * What the message is about (an order id, say). Messages with one key are relayed in the order
   * they were written as long as each is published at the first attempt; consumers should still
   * not depend on order.
   */
  key?: string;
}

/**
 * Writes messages to the service's `outbox` table. Call it with the client of the transaction that
 * makes the change the message announces: the message is published if and only if it commits.
 */
export class Outbox<R extends MessageRegistry> {
  private readonly relays = new Set<InProcessRelay>();

  constructor(
    private readonly source: string,
    private readonly validator: ContractValidator,
    private readonly names: TopologyNames,
  ) {}

  /**
   * Tells the outbox that a relay runs in this process: a transaction that writes messages wakes it
   * as soon as it commits, and (while that relay is connected) asks the trigger not to NOTIFY, see
   * sql/messaging-wake.sql. Returns the function that detaches it.
   */
  attachRelay(relay: InProcessRelay): () => void {
    this.relays.add(relay);
    return () => this.relays.delete(relay);
  }

  /**
   * {@link enqueue} as the {@link Publish} function that domain code is given: the payload type
   * follows from the message type, so a wrong payload does not compile.
   */
  readonly publish: Publish<R> = async (client, type, payload, options) => {
    await this.enqueue(client, {
      type, payload, ...(options?.key ? { key: options.key } : {}), ...(options?.version !== undefined ? { version: options.version } : {}),
    } as OutgoingMessage<R, typeof type>);
  };

  /**
   * Validates the payload against its contract, wraps it in an envelope carrying the current
   * context's correlation, causation and trace ids, and inserts it. Returns the envelope.
   * Events go to `bazaar.events`, commands to `bazaar.commands`, routed by type and version
   * ({@link routingKeyOf}: the type itself for version 1).
   */
  async enqueue<T extends MessageType<R>>(client: Queryable, message: OutgoingMessage<R, T>): Promise<Envelope<T>> {
    const [envelope] = await this.enqueueMany(client, [message]);
    return envelope!;
  }

  /** {@link enqueue} for many messages in one statement (bulk imports, fan-out). */
  async enqueueMany<T extends MessageType<R>>(client: Queryable, messages: OutgoingMessage<R, T>[]): Promise<Envelope<T>[]> {
    if (messages.length === 0) return [];
    const rows = messages.map((message) => {
      const kind = this.validator.kindOf(message.type);
      const version = (message.version as number | undefined) ?? this.validator.latestVersion(message.type);
      if (!kind || version === undefined) throw new Error(`cannot send ${message.type}: it is in no contract`);
      this.validator.assertPayload(message.type, version, message.payload);
      const envelope = createEnvelope(this.source, message.type, version, message.payload);
      return { envelope, exchange: this.names.exchanges[kind], routingKey: routingKeyOf(message.type, version), key: message.key ?? null };
    });
    const quiet = this.wakeAfterCommit(client);
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
      const chunk = rows.slice(start, start + ROWS_PER_INSERT);
      const values = chunk.flatMap(({ envelope, exchange, routingKey, key }) => [
        envelope.id,
        envelope.type,
        envelope.version,
        exchange,
        routingKey,
        key,
        JSON.stringify(envelope),
      ]);
      if (quiet) {
        // The same insert, with the transaction-local setting that the trigger reads made in the
        // same statement (no extra round trip): this process's relay is woken after the commit.
        const tuples = chunk.map((_, r) => `(${COLUMNS.map((_, c) => `$${r * COLUMNS.length + c + 1}::${COLUMN_TYPES[c]}`).join(', ')})`);
        await client.query(
          `INSERT INTO outbox (${COLUMNS.join(', ')}) SELECT v.* FROM (VALUES ${tuples.join(', ')}) AS v, (SELECT set_config('bazaar.outbox_wake', 'in-process', true)) AS quiet`,
          values,
        );
      } else {
        const tuples = chunk.map((_, r) => `(${COLUMNS.map((_, c) => `$${r * COLUMNS.length + c + 1}`).join(', ')})`);
        await client.query(`INSERT INTO outbox (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`, values);
      }
    }
    return rows.map((r) => r.envelope);
  }

  /**
   * When a connected relay runs in this process and `client` is in a transaction of
   * `withTransaction`: wakes the relay once that transaction commits (never if it rolls back) and
   * returns true, so the insert can spare the trigger's NOTIFY. Otherwise (a pool, a transaction of
   * the caller's own making, no relay here) false: the trigger notifies as before.
   */
  private wakeAfterCommit(client: Queryable): boolean {
    if (this.relays.size === 0 || ![...this.relays].some((r) => r.connected)) return false;
    let deciding = true;
    let ranAtOnce = false;
    afterCommit(client, () => {
      if (deciding) ranAtOnce = true;
      else for (const relay of this.relays) relay.wake();
    });
    deciding = false;
    return !ranAtOnce;
  }
}

/** What the outbox needs of a relay in its process: {@link Outbox.attachRelay}. */
export interface InProcessRelay {
  readonly connected: boolean;
  wake(): void;
}
