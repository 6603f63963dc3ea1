import type { Channel } from 'amqplib';
import type { MessageKind } from './contracts.js';

/** The exchange and queue names of one service. */
export interface TopologyNames {
  exchanges: Record<MessageKind, string>;
  /** Work queues: `<service>.events` and `<service>.commands`. */
  queues: Record<MessageKind, string>;
  /** Delay queues that dead-letter back to the work queue after the retry delay. */
  retryQueues: Record<MessageKind, string>;
  /** Where messages that keep failing (or are invalid) are parked: `<service>.dlq`. */
  deadLetterQueue: string;
  /**
   * The service's own direct exchange, `<service>.direct`, routing to its own queues by queue name:
   * what it parks and replays through. Not the broker's default exchange, which reaches every queue:
   * a service's broker user may write to its own exchange and queues only.
   */
  direct: string;
}

/**
 * Names for `service`. With a namespace every name is prefixed by `<namespace>.` so parallel test
 * runs (or tenants on one broker) never share a queue; without one they are the production names.
 */
export function topologyNames(service: string, namespace?: string): TopologyNames {
  const p = namespace ? `${namespace}.` : '';
  return {
    exchanges: { events: `${p}bazaar.events`, commands: `${p}bazaar.commands` },
    queues: { events: `${p}${service}.events`, commands: `${p}${service}.commands` },
    retryQueues: { events: `${p}${service}.events.retry`, commands: `${p}${service}.commands.retry` },
    deadLetterQueue: `${p}${service}.dlq`,
    direct: `${p}${service}.direct`,
  };
}

export interface TopologyOptions {
  /**
   * `classic` (default) or `quorum` (replicated; needs a cluster to be worth it). Chosen when a queue
   * is first declared: changing it later needs the queue deleted or migrated.
   */
  queueType?: 'classic' | 'quorum';
  /** How long a failed message waits in the retry queue before it is delivered again. */
  retryDelayMs: number;
}

/**
 * The routing key of version `version` of a message type: the type itself for version 1, so every
 * binding made before a type had a second version still receives it, and `<type>.v<n>` for later
 * versions. A producer that writes several versions of one change (while consumers move from one
 * to the next) sends one message per version, and each consumer's queue is bound to the one version
 * it asked for: it receives the change once, in the shape it reads.
 */
export function routingKeyOf(type: string, version: number): string {
  return version === 1 ? type : `${type}.v${version}`;
}

/** What a work queue is bound to: a message type at one version, unbinding the other versions the contracts list. */
export interface Binding {
  type: string;
  /** The version the queue receives. */
  version: number;
  /** The type's other versions: their bindings are removed, so a consumer that moved receives each change once. */
  others?: number[];
}

/** Both exchanges; what a publisher needs before its first publish. Idempotent. */
export async function declareExchanges(channel: Channel, names: TopologyNames): Promise<void> {
  for (const exchange of Object.values(names.exchanges)) await channel.assertExchange(exchange, 'topic', { durable: true });
}

/**
 * Declares, idempotently, everything a consuming service needs: the exchanges, for each kind it
 * handles a work queue bound to the handled types and a retry queue, and the dead-letter queue.
 *
 * A rejected message is dead-lettered by the broker from `<service>.events` to
 * `<service>.events.retry` (through `<service>.direct`), whose TTL dead-letters it back: each pass
 * adds to the message's `x-death` count, which is how attempts are counted.
 *
 * Each handled type is bound at one version (a plain type: version 1; see {@link routingKeyOf}), and
 * the bindings of the type's other versions are removed. Otherwise bindings are only added: a
 * binding for a type no longer handled stays until removed by hand.
 */
export async function declareTopology(
  channel: Channel,
  names: TopologyNames,
  handled: Record<MessageKind, (string | Binding)[]>,
  options: TopologyOptions,
): Promise<void> {
  await declareExchanges(channel, names);
  // Dead-lettering goes through the service's own direct exchange too: declaring a queue whose
  // dead-letter exchange is the default one needs write access to it, which reaches every queue.
  await channel.assertExchange(names.direct, 'direct', { durable: true });
  const typeArgs: Record<string, unknown> =
    options.queueType === 'quorum'
      ? { 'x-queue-type': 'quorum', 'x-dead-letter-strategy': 'at-least-once', 'x-overflow': 'reject-publish' }
      : {};
  for (const kind of ['events', 'commands'] as const) {
    if (handled[kind].length === 0) continue;
    const queue = names.queues[kind];
    const retry = names.retryQueues[kind];
    await assertQueue(channel, queue, { ...typeArgs, 'x-dead-letter-exchange': names.direct, 'x-dead-letter-routing-key': retry });
    await assertQueue(channel, retry, { ...typeArgs, 'x-message-ttl': options.retryDelayMs, 'x-dead-letter-exchange': names.direct, 'x-dead-letter-routing-key': queue });
    await channel.bindQueue(queue, names.direct, queue);
    await channel.bindQueue(retry, names.direct, retry);
    for (const entry of handled[kind]) {
      const binding = typeof entry === 'string' ? { type: entry, version: 1 } : entry;
      await channel.bindQueue(queue, names.exchanges[kind], routingKeyOf(binding.type, binding.version));
      // The broker answers an unbind of a binding that does not exist with success.
      for (const other of binding.others ?? []) {
        if (other !== binding.version) await channel.unbindQueue(queue, names.exchanges[kind], routingKeyOf(binding.type, other));
      }
    }
  }
  await assertQueue(channel, names.deadLetterQueue, options.queueType === 'quorum' ? { 'x-queue-type': 'quorum' } : {});
  await channel.bindQueue(names.deadLetterQueue, names.direct, names.deadLetterQueue);
}

/** Declares a durable queue; one declared earlier with other arguments is named with what to do. */
async function assertQueue(channel: Channel, queue: string, args: Record<string, unknown>): Promise<void> {
  try {
    await channel.assertQueue(queue, { durable: true, arguments: args });
  } catch (error) {
    if ((error as { code?: number }).code !== 406) throw error;
    throw new Error(
      `queue ${queue} exists with other arguments than this version declares (an earlier version, or another queue type): ` +
        `let it drain, then delete it (rabbitmqctl delete_queue ${queue}) and start the service again`,
      { cause: error },
    );
  }
}

/** Deletes a service's queues and own exchange and, when `exchanges` is set, the shared exchanges (for tests and tear-down). */
export async function deleteTopology(channel: Channel, names: TopologyNames, options: { exchanges?: boolean } = {}): Promise<void> {
  for (const queue of [...Object.values(names.queues), ...Object.values(names.retryQueues), names.deadLetterQueue]) {
    await channel.deleteQueue(queue);
  }
  await channel.deleteExchange(names.direct);
  if (options.exchanges) for (const exchange of Object.values(names.exchanges)) await channel.deleteExchange(exchange);
}
