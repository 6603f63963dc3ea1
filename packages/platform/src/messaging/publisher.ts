import type { Queryable } from '../db/pool.js';

/** Anything that writes a message in the caller's transaction: the service's {@link Outbox}. */
export interface MessageWriter {
  enqueue(client: Queryable, message: { type: never; payload: never }): Promise<unknown>;
}

/**
 * The seam through which a service's domain code announces events: `publish(client, type, payload)`
 * inside the transaction that made the change. At start-up `bind` connects it to the service's
 * transactional outbox (tests and seed scripts bind an outbox of their own); unbound, it refuses
 * rather than lose a message.
 */
export class Publisher<T extends string> {
  private writer?: MessageWriter;

  constructor(private readonly service: string) {}

  bind(writer: MessageWriter | undefined): void {
    this.writer = writer;
  }

  /** Writes the message with the caller's transaction client: it exists if and only if the change commits. */
  readonly publish = async (client: Queryable, type: T, payload: object): Promise<void> => {
    if (!this.writer) throw new Error(`${this.service} cannot publish ${type}: no outbox is bound (main.ts binds it at start-up)`);
    await this.writer.enqueue(client, { type, payload } as { type: never; payload: never });
  };
}
