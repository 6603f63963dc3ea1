import type { Channel, ChannelModel, ConfirmChannel, ConsumeMessage, GetMessage, Options } from 'amqplib';
import amqp from 'amqplib';
import { uuidv7 } from './uuid.js';

/** Headers a parked message carries, besides its own. */
export const DeadLetterHeaders = {
  error: 'x-error',
  failedAt: 'x-failed-at',
  attempts: 'x-attempts',
  queue: 'x-original-queue',
  exchange: 'x-original-exchange',
  routingKey: 'x-original-routing-key',
} as const;

/** A message parked in a service's dead-letter queue, as listed for an operator. */
export interface DeadLetter {
  id: string;
  type?: string;
  version?: number;
  /** Why it was parked: the handler's last error, or why the message was refused. */
  error: string;
  failedAt?: string;
  attempts?: number;
  /** The work queue it is replayed to. */
  queue?: string;
  exchange?: string;
  routingKey?: string;
  /** The message, parsed when it is JSON. */
  envelope?: unknown;
  /** The body as text when it is not JSON. */
  body?: string;
}

interface XDeath {
  queue?: string;
  reason?: string;
  count?: number;
  exchange?: string;
  'routing-keys'?: string[];
}

const deaths = (message: Pick<ConsumeMessage, 'properties'>): XDeath[] => {
  const value: unknown = message.properties.headers?.['x-death'];
  return Array.isArray(value) ? (value as XDeath[]) : [];
};

/** Which delivery this is: 1 plus the times `queue` rejected the message, from its `x-death` header. */
export function attemptOf(message: Pick<ConsumeMessage, 'properties'>, queue: string): number {
  const rejected = deaths(message).find((d) => d.queue === queue && d.reason === 'rejected');
  return 1 + Number(rejected?.count ?? 0);
}

/** Publishes and waits for the broker's confirm. */
export function publishConfirmed(channel: ConfirmChannel, exchange: string, routingKey: string, content: Buffer, options: Options.Publish): Promise<void> {
  return new Promise((resolve, reject) => {
    try {
      channel.publish(exchange, routingKey, content, options, (error: unknown) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve()));
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

const TRANSIENT_HEADERS = new Set<string>([...Object.values(DeadLetterHeaders), 'x-death', 'x-first-death-exchange', 'x-first-death-queue', 'x-first-death-reason', 'x-last-death-exchange', 'x-last-death-queue', 'x-last-death-reason']);

function ownHeaders(headers: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => !TRANSIENT_HEADERS.has(name)));
}

function republishOptions(message: Pick<ConsumeMessage, 'properties'>, headers: Record<string, unknown>): Options.Publish {
  const p = message.properties;
  return {
    persistent: true,
    headers,
    messageId: p.messageId ?? uuidv7(),
    ...(p.contentType ? { contentType: p.contentType } : {}),
    ...(p.contentEncoding ? { contentEncoding: p.contentEncoding } : {}),
    ...(p.correlationId ? { correlationId: p.correlationId } : {}),
    ...(p.type ? { type: p.type } : {}),
    ...(p.appId ? { appId: p.appId } : {}),
    ...(p.timestamp ? { timestamp: p.timestamp } : {}),
  };
}

// The whole header table must fit in 64 KiB; an error message needs far less.
const MAX_ERROR_LENGTH = 2000;

/**
 * Parks `message`, taken from the work queue `queue`, in the dead-letter queue `dlq` (through the
 * service's own direct exchange) with the reason and where it came from. Resolves once the broker
 * confirmed it; only then may the original be acked.
 */
export async function parkMessage(channel: ConfirmChannel, target: { exchange: string; dlq: string }, message: ConsumeMessage, queue: string, error: string, attempts: number): Promise<void> {
  const rejected = deaths(message).find((d) => d.queue === queue && d.reason === 'rejected');
  const firstExchange = message.properties.headers?.['x-first-death-exchange'];
  const headers = {
    ...ownHeaders(message.properties.headers),
    [DeadLetterHeaders.error]: error.length > MAX_ERROR_LENGTH ? `${error.slice(0, MAX_ERROR_LENGTH)}…` : error,
    [DeadLetterHeaders.failedAt]: new Date().toISOString(),
    [DeadLetterHeaders.attempts]: attempts,
    [DeadLetterHeaders.queue]: queue,
    [DeadLetterHeaders.exchange]: typeof firstExchange === 'string' ? firstExchange : message.fields.exchange,
    [DeadLetterHeaders.routingKey]: rejected?.['routing-keys']?.[0] ?? message.fields.routingKey,
  };
  await publishToQueue(channel, target.exchange, target.dlq, message.content, republishOptions(message, headers));
}

/**
 * Publishes to one queue through a direct exchange, binding it first (idempotent): a direct
 * exchange drops what no binding routes, and a parked or replayed message must not be dropped.
 * `exchange` '' is the broker's default exchange (no binding needed).
 */
async function publishToQueue(channel: ConfirmChannel, exchange: string, queue: string, content: Buffer, options: Options.Publish): Promise<void> {
  if (exchange) await channel.bindQueue(queue, exchange, queue);
  await publishConfirmed(channel, exchange, queue, content, options);
}

function describe(message: GetMessage): DeadLetter {
  const h = message.properties.headers ?? {};
  const text = message.content.toString();
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch {
    envelope = undefined;
  }
  const e = (envelope ?? {}) as { id?: unknown; type?: unknown; version?: unknown };
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const entry: DeadLetter = {
    id: message.properties.messageId ?? str(e.id) ?? '',
    type: str(e.type) ?? message.properties.type,
    version: num(e.version),
    error: str(h[DeadLetterHeaders.error]) ?? 'unknown (parked without a reason)',
    failedAt: str(h[DeadLetterHeaders.failedAt]),
    attempts: num(h[DeadLetterHeaders.attempts]),
    queue: str(h[DeadLetterHeaders.queue]),
    exchange: str(h[DeadLetterHeaders.exchange]),
    routingKey: str(h[DeadLetterHeaders.routingKey]),
    ...(envelope === undefined ? { body: text } : { envelope }),
  };
  return Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) as unknown as DeadLetter;
}

/** The operations on one service's dead-letter queue: depth, list, replay one or all. */
export class DeadLetterQueue {
  /** Whether the service consumes messages (and so has a dead-letter queue at all). */
  readonly consumes: boolean;

  /**
   * @param queue the queue's full name (`<service>.dlq`, with any namespace prefix)
   * @param connection the connection to open short-lived channels on (the consumer's, or the CLI's)
   * @param exchange the service's own direct exchange, which replays go through (`<service>.direct`)
   * @param options.consumes false for a service that consumes no messages: it declares no
   *   dead-letter queue, so there is never anything parked and the broker is not asked
   */
  constructor(
    readonly queue: string,
    private readonly connection: () => ChannelModel | undefined,
    private readonly exchange: string,
    options: { consumes?: boolean } = {},
  ) {
    this.consumes = options.consumes ?? true;
  }

  /** A dead-letter queue reached over a connection of its own (for the CLI); `close` ends it. */
  static async connect(amqpUrl: string, names: { queue: string; exchange: string }, name = 'dlq-admin'): Promise<{ deadLetters: DeadLetterQueue; close: () => Promise<void> }> {
    const connection = await amqp.connect(amqpUrl, { clientProperties: { connection_name: name } });
    connection.on('error', () => undefined);
    return { deadLetters: new DeadLetterQueue(names.queue, () => connection, names.exchange), close: () => connection.close().catch(() => undefined) };
  }

  /** How many messages are parked. */
  async depth(): Promise<number> {
    if (!this.consumes) return 0;
    return this.withChannel(async (channel) => (await this.check(channel)).messageCount);
  }

  /**
   * Up to `limit` parked messages, oldest first. They are read without being removed (taken
   * unacknowledged and given back when the channel closes).
   */
  async list(limit = 100): Promise<DeadLetter[]> {
    if (!this.consumes) return [];
    return this.withChannel(async (channel) => {
      const { messageCount } = await this.check(channel);
      const found: DeadLetter[] = [];
      for (let i = 0; i < Math.min(limit, messageCount); i++) {
        const message = await channel.get(this.queue, { noAck: false });
        if (!message) break;
        found.push(describe(message));
      }
      await this.giveBack(channel, messageCount);
      return found;
    });
  }

  /**
   * Sends the parked message `id` back to the work queue it failed on (after a fix), with a fresh
   * attempt count, and removes it from the dead-letter queue. False if no such message is parked.
   */
  async replay(id: string): Promise<boolean> {
    return (await this.replayWhere((message) => describe(message).id === id, true)) > 0;
  }

  /** Replays every message parked when the call starts; returns how many. */
  async replayAll(): Promise<number> {
    return this.replayWhere(() => true, false);
  }

  private async replayWhere(match: (message: GetMessage) => boolean, justOne: boolean): Promise<number> {
    if (!this.consumes) return 0;
    return this.withChannel(async (channel) => {
      // Bounded by the depth at the start: a replayed message that fails at once and is parked
      // again is not replayed a second time by this call.
      const { messageCount } = await this.check(channel);
      let replayed = 0;
      for (let i = 0; i < messageCount; i++) {
        const message = await channel.get(this.queue, { noAck: false });
        if (!message) break;
        if (!match(message)) continue; // left unacknowledged: given back when the channel closes
        const queue = message.properties.headers?.[DeadLetterHeaders.queue];
        if (typeof queue !== 'string') throw new Error(`message ${describe(message).id} does not say which queue it came from; it cannot be replayed`);
        await publishToQueue(channel, this.exchange, queue, message.content, republishOptions(message, ownHeaders(message.properties.headers)));
        channel.ack(message);
        replayed++;
        if (justOne) break;
      }
      await this.giveBack(channel, messageCount - replayed);
      return replayed;
    });
  }

  /**
   * Returns the messages this channel holds unacknowledged to the queue and waits (briefly) until the
   * queue shows them again, so a list or replay leaves the queue as the next call will find it
   * (the broker requeues asynchronously, quorum queues especially).
   */
  private async giveBack(channel: Channel, expected: number): Promise<void> {
    channel.nackAll(true);
    const deadline = Date.now() + 2000;
    while (Date.now() < deadline && (await this.check(channel)).messageCount < expected) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async check(channel: Channel) {
    try {
      return await channel.checkQueue(this.queue);
    } catch (error) {
      const missing = (error as { code?: number }).code === 404;
      throw new Error(missing ? `there is no dead-letter queue ${this.queue} (has the service started with handlers?)` : (error as Error).message, { cause: error });
    }
  }

  private async withChannel<T>(fn: (channel: ConfirmChannel) => Promise<T>): Promise<T> {
    const connection = this.connection();
    if (!connection) throw new Error('not connected to the broker');
    const channel = await connection.createConfirmChannel();
    channel.on('error', () => undefined);
    try {
      return await fn(channel);
    } finally {
      await channel.close().catch(() => undefined);
    }
  }
}
