/**
 * `npm start -- --replicas N` or `--replicas orders=3,payments=2`: several processes of a service, on
 * ports of their own against the same database, Redis and broker user, with the same environment
 * otherwise. Every service that calls it is given all of their URLs (`ORDERS_URL=http://…:8104,
 * http://…:10104`), and its service client (packages/platform, http/client.ts) balances across them
 * with a circuit breaker per replica. Work that does not come over HTTP is shared as it would be on a
 * cluster: each replica consumes from the service's queues (competing consumers), every replica's
 * relay publishes the outbox (rows taken with SKIP LOCKED) and every replica runs the service's interval
 * jobs (each row taken with SKIP LOCKED).
 */
import { envPrefix, type ServiceDef } from './services.js';
import type { PreparedService } from './system.js';

/** Replica k (2, 3, …) listens k × 1000 above its service (orders 8104 → 10104, 11104, …), plus the offset; a canary has +1000. */
export const REPLICA_PORT_STEP = 1000;
export const MAX_REPLICAS = 8;

/** Why a service runs once, whatever --replicas says. */
export function notReplicable(def: Pick<ServiceDef, 'name' | 'cdc' | 'dataDir'>): string | undefined {
  if (def.name === 'gateway') return 'it is the front door (on a cluster several run behind the Ingress; here one serves the web app)';
  if (def.name === 'identity') return 'every service reads its signing keys from one URL';
  if (def.cdc) return 'it holds logical replication slots, which have one reader each';
  if (def.dataDir) return 'its files have one writer';
  return undefined;
}

/**
 * `2` (every service that can run several times, twice) or `orders=3,payments=2`: how many processes
 * of each named service. Unknown or unreplicable names and counts outside 1 to {@link MAX_REPLICAS} are errors.
 */
export function parseReplicasOption(value: string, services: Pick<ServiceDef, 'name' | 'cdc' | 'dataDir'>[]): Map<string, number> {
  const count = (text: string, what: string) => {
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < 1 || n > MAX_REPLICAS) throw new Error(`--replicas: ${what} must be a whole number from 1 to ${MAX_REPLICAS}; got ${JSON.stringify(text)}`);
    return n;
  };
  const replicable = services.filter((s) => !notReplicable(s));
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    const n = count(trimmed, 'the count');
    return new Map(replicable.map((s) => [s.name, n]));
  }
  const counts = new Map<string, number>();
  for (const entry of trimmed.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [name, n, ...rest] = entry.split('=');
    if (rest.length || !name || n === undefined) throw new Error(`--replicas takes a count, or service=count pairs comma-separated (orders=3,payments=2); got ${JSON.stringify(entry)}`);
    const def = services.find((s) => s.name === name);
    if (!def) throw new Error(`--replicas ${name}: not a service being started; one of ${replicable.map((s) => s.name).join(', ')}`);
    const why = notReplicable(def);
    if (why) throw new Error(`--replicas ${name}: ${name} runs once: ${why}`);
    counts.set(name, count(n, `the count of ${name}`));
  }
  if (counts.size === 0) throw new Error('--replicas takes a count, or service=count pairs comma-separated (orders=3,payments=2)');
  return counts;
}

/** The service a prepared process is one of (itself, or the one it is a replica of). */
export const serviceOf = (p: { def: Pick<ServiceDef, 'name' | 'replicaOf'> }): string => p.def.replicaOf ?? p.def.name;

/** Whether a prepared process is a replica this module added (`orders-2`), not the service's first process. */
export const isReplica = (p: { def: Pick<ServiceDef, 'replicaOf'> }): boolean => p.def.replicaOf !== undefined;

/**
 * Adds the replicas to `prepared`, each right after the processes of its service (so it starts with
 * it, before the services that call it), named `<service>-<k>`, and gives every caller the list of the
 * service's URLs. Returns the replicas added.
 */
export function addReplicas(prepared: PreparedService[], counts: ReadonlyMap<string, number>, portOffset: number): PreparedService[] {
  const added: PreparedService[] = [];
  for (const [service, count] of counts) {
    const primary = prepared.find((p) => p.def.name === service);
    if (!primary || count < 2) continue;
    const urls = [`http://127.0.0.1:${primary.env.PORT}`];
    let after = primary;
    for (let k = 2; k <= count; k++) {
      const port = primary.def.port + k * REPLICA_PORT_STEP + portOffset;
      const replica: PreparedService = {
        ...primary,
        def: { ...primary.def, name: `${service}-${k}`, replicaOf: service },
        env: { ...primary.env, PORT: String(port), METRICS_PORT: String(primary.def.metricsPort + k * REPLICA_PORT_STEP + portOffset) },
      };
      prepared.splice(prepared.indexOf(after) + 1, 0, replica);
      after = replica;
      urls.push(`http://127.0.0.1:${port}`);
      added.push(replica);
    }
    const variable = `${envPrefix(service)}_URL`;
    for (const caller of prepared) if (caller.env[variable] !== undefined && serviceOf(caller) !== service) caller.env[variable] = urls.join(',');
  }
  return added;
}
