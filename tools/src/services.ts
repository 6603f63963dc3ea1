import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MessageKind } from '@bazaar/platform';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** What a service declares about itself in the `bazaar` field of its package.json. */
export interface ServiceDef {
  name: string;
  dir: string;
  port: number;
  /** Where it serves `/metrics` (a port of its own, never the public one). */
  metricsPort: number;
  /** Whether it owns a PostgreSQL database (the gateway does not). */
  database: boolean;
  /** Its Redis key prefix, if it keeps anything in Redis (`identity` → keys `identity:*`). */
  redisPrefix?: string;
  /** Start order: lower first (identity before the gateway that fetches its keys). */
  order: number;
  /** Environment variable names holding the base URLs of services it calls, e.g. IDENTITY_URL. */
  calls: string[];
  /**
   * Which shared exchanges it publishes to and consumes from (`events`, `commands`); absent for a
   * service that sends and receives no messages (the gateway). Its broker user is allowed exactly these.
   */
  messaging?: { publishes: MessageKind[]; consumes: MessageKind[] };
  /**
   * Its data product: the PostgreSQL publication its own migrations create for the tables it chooses
   * to publish. Provisioning gives a replication-only role SELECT on exactly those tables.
   */
  dataProduct?: { publication: string };
  /** Whether it reads other services' data products by logical replication (it is given `<SERVICE>_CDC_SOURCES`). */
  cdc: boolean;
  /** Whether it keeps files of its own (analytics' warehouse): it is given `<SERVICE>_DATA_DIR`. */
  dataDir: boolean;
  /** Set on a second, third, … process of a service (`orders-2`): the service it is one of (replicas.ts). */
  replicaOf?: string;
}

interface Manifest {
  port: number;
  metricsPort?: number;
  database?: boolean;
  redisPrefix?: string;
  order?: number;
  calls?: string[];
  messaging?: { publishes?: MessageKind[]; consumes?: MessageKind[] };
  dataProduct?: { publication: string };
  cdc?: boolean;
  dataDir?: boolean;
}

/** Every service under services/, as declared by its package.json, in start order. */
export function discoverServices(root = repoRoot): ServiceDef[] {
  const base = path.join(root, 'services');
  if (!existsSync(base)) return [];
  const defs: ServiceDef[] = [];
  for (const name of readdirSync(base).sort()) {
    const file = path.join(base, name, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { bazaar?: Manifest };
    // A service is a folder that declares itself and has an entry point; one still being written is not.
    if (!pkg.bazaar || !existsSync(path.join(base, name, 'src', 'main.ts'))) continue;
    defs.push({
      name,
      dir: path.join(base, name),
      port: pkg.bazaar.port,
      // By convention the public port + 50: one system's ports then stay within a block of 100.
      metricsPort: pkg.bazaar.metricsPort ?? pkg.bazaar.port + 50,
      database: pkg.bazaar.database ?? true,
      ...(pkg.bazaar.redisPrefix ? { redisPrefix: pkg.bazaar.redisPrefix } : {}),
      order: pkg.bazaar.order ?? 50,
      calls: pkg.bazaar.calls ?? [],
      ...(pkg.bazaar.messaging ? { messaging: { publishes: pkg.bazaar.messaging.publishes ?? [], consumes: pkg.bazaar.messaging.consumes ?? [] } } : {}),
      ...(pkg.bazaar.dataProduct ? { dataProduct: { publication: pkg.bazaar.dataProduct.publication } } : {}),
      cdc: pkg.bazaar.cdc ?? false,
      dataDir: pkg.bazaar.dataDir ?? false,
    });
  }
  return defs.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
}

/** `orders` → `ORDERS`: the prefix of a service's own variables (ORDERS_DATABASE_URL, ORDERS_URL). */
export const envPrefix = (service: string) => service.toUpperCase().replace(/-/g, '_');
