/**
 * What the messaging tests share: a database per service with the messaging tables, a namespace
 * per test file so exchanges and queues never collide, and ways to hurt the broker connection.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { promisify } from 'node:util';
import amqp from 'amqplib';
import type { Registry } from 'prom-client';
import { Type } from 'typebox';
import { events } from '@bazaar/contracts';
import { createLogger, createPool, deleteTopology, topologyNames, type Pool } from '../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../../src/testing/index.js';

export const AMQP_URL = process.env.BAZAAR_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
export const logger = createLogger('messaging-test', process.env.LOG_LEVEL ?? 'silent');
// The kit's messaging schema as a service migrates to it: the tables, then the trigger's in-process wake-up.
const messagingSql = ['messaging.sql', 'messaging-wake.sql'].map((f) => readFileSync(new URL(`../../sql/${f}`, import.meta.url), 'utf8')).join('\n');

/** Contracts for the tests: the real ones plus a few types that only tests send. */
export const testContracts = {
  events: {
    ...events,
    'test.happened': {
      1: Type.Object({
        n: Type.Integer(),
        behaviour: Type.Optional(Type.Union([Type.Literal('ok'), Type.Literal('fail-twice'), Type.Literal('always-fail'), Type.Literal('busy-five-times')])),
      }),
    },
  },
  commands: {
    'mailer.send-test': { 1: Type.Object({ to: Type.String({ format: 'email' }) }) },
    'nobody.do-thing': { 1: Type.Object({}) },
  },
};

/** One service's own database, with the messaging tables and a table where handlers record effects. */
export interface ServiceDb {
  db: TestDatabase;
  pool: Pool;
  close(): Promise<void>;
}

export async function serviceDatabase(label: string): Promise<ServiceDb> {
  const db = await createTestDatabase(label);
  const pool = createPool(db.url, { max: 20 });
  await pool.query(messagingSql);
  // No unique key on purpose: a second effect of one message would show as a second row.
  await pool.query('CREATE TABLE effects (message_id uuid NOT NULL, type text NOT NULL, attempt int NOT NULL, envelope jsonb NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  return {
    db,
    pool,
    async close() {
      await pool.end();
      await db.drop();
    },
  };
}

export const newNamespace = (): string => `t${randomBytes(4).toString('hex')}`;

/** Deletes the queues of `services` and both exchanges of `namespace`. */
export async function deleteNamespace(namespace: string, services: string[]): Promise<void> {
  const connection = await amqp.connect(AMQP_URL);
  try {
    const channel = await connection.createChannel();
    for (const [i, service] of services.entries()) {
      await deleteTopology(channel, topologyNames(service, namespace), { exchanges: i === services.length - 1 });
    }
  } finally {
    await connection.close();
  }
}

/** Publishes a raw message, bypassing the outbox, as a misbehaving producer would. */
export async function publishRaw(exchange: string, routingKey: string, body: string, options: amqp.Options.Publish = {}): Promise<void> {
  const connection = await amqp.connect(AMQP_URL);
  try {
    const channel = await connection.createConfirmChannel();
    channel.publish(exchange, routingKey, Buffer.from(body), { persistent: true, contentType: 'application/json', ...options });
    await channel.waitForConfirms();
  } finally {
    await connection.close();
  }
}

const run = promisify(execFile);

/**
 * Has the broker close every connection whose name contains `namespace` (only this file's, so tests
 * running in parallel keep theirs), as a broker restart or a network cut would. Where rabbitmqctl is
 * not installed, `fallback` closes them from the client side instead; the return value says which.
 */
export async function closeBrokerConnections(namespace: string, fallback: () => void): Promise<'rabbitmqctl' | 'client'> {
  let listing: string;
  try {
    listing = (await run('rabbitmqctl', ['list_connections', 'pid', 'client_properties', '-q', '--no-table-headers'])).stdout;
  } catch {
    fallback();
    return 'client';
  }
  const pids = listing.split('\n').filter((line) => line.includes(`"${namespace}.`)).map((line) => line.split('\t')[0]!);
  if (pids.length === 0) throw new Error(`no broker connection of ${namespace} is open`);
  await Promise.all(pids.map((pid) => run('rabbitmqctl', ['close_connection', pid, 'test'])));
  return 'rabbitmqctl';
}

/**
 * A TCP proxy in front of the broker that can be cut and restored: while down it drops its
 * connections and refuses new ones, which is what clients see when the broker is down.
 */
export async function brokerProxy(): Promise<{ url: string; down(): void; up(): void; close(): Promise<void> }> {
  const target = new URL(AMQP_URL);
  const sockets = new Set<net.Socket>();
  let accepting = true;
  const server = net.createServer((client) => {
    if (!accepting) {
      client.destroy();
      return;
    }
    const upstream = net.connect(Number(target.port || 5672), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const url = new URL(AMQP_URL);
  url.host = `127.0.0.1:${port}`;
  return {
    url: url.toString(),
    down() {
      accepting = false;
      for (const socket of sockets) socket.destroy();
    },
    up() {
      accepting = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The value of a counter (or gauge) with exactly these labels, 0 if never set. */
export async function metricValue(registry: Registry, name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = registry.getSingleMetric(name);
  if (!metric) return 0;
  const { values } = await metric.get();
  const match = values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l));
  return match?.value ?? 0;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
