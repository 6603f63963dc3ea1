import { randomBytes } from 'node:crypto';
import amqp from 'amqplib';
import pg from 'pg';
import { withDatabase } from '../db/url.js';
import { createPool } from '../db/pool.js';
import { migrate } from '../db/migrate.js';
import { createOutbox } from '../messaging/messaging.js';
import type { Publish } from '../messaging/publisher.js';
import { startTestIssuer } from './issuer.js';
import { ContractValidator, type MessageContracts, type MessageKind, type MessageRegistry } from '../messaging/contracts.js';
import { applyMessage, checkMessage, type MessageHandler } from '../messaging/consumer.js';
import type { Envelope } from '../messaging/envelope.js';
import { DeadLetterQueue } from '../messaging/dead-letters.js';

export { withDatabase };

/** The PostgreSQL superuser URL tests and tools use to create databases and roles. */
export const adminDatabaseUrl = (): string =>
  process.env.BAZAAR_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test file, so files can run in parallel and leave nothing behind.
 * Call `drop()` in `after`.
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `test_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminDatabaseUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminDatabaseUrl(), name);
  return {
    name,
    url,
    async drop() {
      const client = new pg.Client({ connectionString: adminDatabaseUrl() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Waits until `check` returns a truthy value, polling; fails with `message` after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false> | T | undefined | null | false, options: { timeoutMs?: number; intervalMs?: number; message?: string } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`${options.message ?? 'condition not met'} within ${options.timeoutMs ?? 10_000} ms${lastError ? `: ${(lastError as Error).message}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
}

export interface PublishedMessage {
  type: string;
  payload: Record<string, unknown>;
  envelope: Record<string, unknown>;
}

/**
 * What a service has written to its outbox (what its relay would publish), oldest first, optionally
 * only one type or only messages about one order. Only committed transactions leave rows.
 */
export async function publishedMessages(db: Pick<pg.Pool, 'query'>, filter: { type?: string; orderId?: string } = {}): Promise<PublishedMessage[]> {
  const { rows } = await db.query<{ type: string; envelope: Record<string, unknown> }>(
    `SELECT type, envelope FROM outbox
      WHERE ($1::text IS NULL OR type = $1) AND ($2::text IS NULL OR envelope->'payload'->>'orderId' = $2)
      ORDER BY id`,
    [filter.type ?? null, filter.orderId ?? null],
  );
  return rows.map((r) => ({ type: r.type, envelope: r.envelope, payload: r.envelope.payload as Record<string, unknown> }));
}
export { startTestIssuer, type TestIssuer, type TestTokenOptions } from './issuer.js';

export interface ServiceTestDatabase<R extends MessageRegistry = MessageRegistry> {
  pool: pg.Pool;
  url: string;
  /** Writes to a real outbox in this database, as the service's own `publish` does in production. */
  publish: Publish<R>;
  close(): Promise<void>;
}

/**
 * A service's own database for one test file: fresh, migrated, with a `publish` that writes to a
 * real outbox in it, so every payload the service builds is checked against its contract and a
 * message exists only if its transaction committed. Give `publish` to the code under test as
 * `main.ts` gives the service's. `close()` closes the pool and drops the database.
 */
export async function createServiceTestDatabase<E extends MessageRegistry, C extends MessageRegistry>(options: {
  service: string;
  label?: string;
  migrationsDir: string;
  contracts: MessageContracts<E, C>;
  poolSize?: number;
}): Promise<ServiceTestDatabase<E & C>> {
  const db = await createTestDatabase(options.label ?? options.service);
  await migrate(db.url, options.migrationsDir);
  const pool = createPool(db.url, { max: options.poolSize ?? 12 });
  return {
    pool,
    url: db.url,
    publish: createOutbox(options.service, options.contracts).publish,
    async close() {
      await pool.end();
      await db.drop();
    },
  };
}

/** What was published (committed), oldest first, with only type and payload, optionally about one order. */
export async function published(db: Pick<pg.Pool, 'query'>, orderId?: string): Promise<{ type: string; payload: Record<string, unknown> }[]> {
  return (await publishedMessages(db, orderId ? { orderId } : {})).map(({ type, payload }) => ({ type, payload }));
}

/**
 * Identity's part in a service's tests: tokens signed as identity signs them, and its key set over
 * HTTP at `jwksUrl`, so the service's real verifier accepts them.
 */
export async function startKeyServer() {
  const issuer = await startTestIssuer();
  return {
    jwksUrl: issuer.jwksUrl,
    token: (userId: string, roles: string[] = ['customer']) => issuer.token({ userId, roles }),
    close: issuer.close,
  };
}

/**
 * Delivers a message body to a service's handlers exactly as its consumer does once the broker has
 * handed it over (`checkMessage`, the handler for its type, `applyMessage` with its inbox row in one
 * transaction), for tests that check what a consumer makes of a message (contract tests). Throws
 * where the consumer would park the message: a contract break, or no handler for the type.
 */
export async function deliverMessage<E extends MessageRegistry, C extends MessageRegistry>(
  // Handlers typed by their contracts (`HandlerMap<…>`); `never` accepts any of them.
  options: { pool: pg.Pool; contracts: MessageContracts<E, C>; kind: MessageKind; handlers: Partial<Record<string, MessageHandler<never>>> },
  body: unknown,
): Promise<{ envelope: Envelope; duplicate: boolean }> {
  const envelope = checkMessage(new ContractValidator(options.contracts), options.kind, Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)));
  const handler = options.handlers[envelope.type];
  if (!handler) throw new Error(`no handler for ${envelope.type} among ${Object.keys(options.handlers).join(', ')}`);
  const duplicate = await applyMessage(options.pool, envelope, handler as MessageHandler, { kind: options.kind, attempt: 1, redelivered: false });
  return { envelope, duplicate };
}

/**
 * Runs `action` and returns the envelope of the one message it wrote to the outbox about `orderId`
 * (an answer to a saga command, say); fails if it wrote none or several.
 */
export async function onlyMessageWritten(db: Pick<pg.Pool, 'query'>, orderId: string, action: () => Promise<unknown>): Promise<Record<string, unknown>> {
  const earlier = (await publishedMessages(db, { orderId })).length;
  await action();
  const written = (await publishedMessages(db, { orderId })).slice(earlier);
  if (written.length !== 1) throw new Error(`expected one message about order ${orderId}, found ${written.map((m) => m.type).join(', ') || 'none'}`);
  return written[0]!.envelope;
}
export {
  assertHostileSafe, checkHostile, describeFailure, hostileRoutes, HOSTILE_SEED,
  type HostileAuth, type HostileFailure, type HostileOptions, type HostileRequest, type HostileRoute,
} from './hostile.js';
export { PROPERTY_RUNS, publishedQuery, queryOf, valueOf, type QueryParameter, type Schema as PublishedSchema } from './published-query.js';

/**
 * A real, empty dead-letter queue (and the direct exchange replays go through) on the test broker
 * (BAZAAR_AMQP_URL), for a test that mounts a service's `/admin/dlq` routes. `close()` deletes both.
 */
export async function startTestDeadLetterQueue(label: string): Promise<{ deadLetters: DeadLetterQueue; close(): Promise<void> }> {
  const connection = await amqp.connect(process.env.BAZAAR_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672');
  connection.on('error', () => undefined);
  const name = `test.${label}.${randomBytes(4).toString('hex')}`;
  const channel = await connection.createChannel();
  await channel.assertQueue(`${name}.dlq`, { durable: false });
  await channel.assertExchange(`${name}.direct`, 'direct', { durable: false });
  return {
    deadLetters: new DeadLetterQueue(`${name}.dlq`, () => connection, `${name}.direct`),
    async close() {
      await channel.deleteQueue(`${name}.dlq`);
      await channel.deleteExchange(`${name}.direct`);
      await connection.close();
    },
  };
}
export { startSmtpSink, type SinkMessage, type SmtpSink, type SmtpSinkOptions } from './smtp-sink.js';
