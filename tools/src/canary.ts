/**
 * `npm start -- --canary catalog[=share],…`: a second process of a service (its canary), on ports of its
 * own against the same database, with the same environment otherwise; the gateway is told about it
 * (`<SERVICE>_CANARY_URL`, `<SERVICE>_CANARY_SHARE`) and sends it that share of the service's requests,
 * rolling the share back to zero by itself if the canary fails (services/gateway/README.md).
 *
 * Here both processes run the same build: the canary is the machinery, ready for a second version
 * (a build of another commit) to be put in its place.
 */
import { envPrefix } from './services.js';
import type { PreparedService } from './system.js';

/** The share a canary starts with when the option names none. */
export const DEFAULT_CANARY_SHARE = 0.1;
/** A canary listens 1000 above its service (catalog 8102 → 9102, its metrics 8152 → 9152), plus the offset. */
const CANARY_PORT_STEP = 1000;

export interface CanaryRequest {
  service: string;
  share: number;
}

/** `catalog`, `catalog=0.25`, `catalog,orders=0.5`: the services and their starting shares. */
export function parseCanaryOption(value: string): CanaryRequest[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean).map((entry) => {
    const [service, share, ...rest] = entry.split('=');
    const parsed = share === undefined ? DEFAULT_CANARY_SHARE : Number(share);
    if (rest.length || !service || !/^[a-z][a-z0-9-]*$/.test(service) || share === '' || !Number.isFinite(parsed) || parsed < 0 || parsed > 1) {
      throw new Error(`--canary takes service or service=share (a share from 0 to 1), comma-separated; got ${JSON.stringify(entry)}`);
    }
    return { service, share: parsed };
  });
}

/** Whether a prepared service is a canary this module added. */
export const isCanary = (service: PreparedService): boolean => service.def.name.endsWith('-canary');

/**
 * Adds a canary of each requested service to `prepared`, right after its service (so it starts after
 * it and before the gateway), and tells the gateway where it is and its share. Every requested service
 * must be one being started that the gateway routes to, and the gateway must be started too.
 */
export function addCanaries(prepared: PreparedService[], requested: CanaryRequest[], portOffset: number): PreparedService[] {
  if (requested.length === 0) return [];
  const gateway = prepared.find((p) => p.def.name === 'gateway');
  if (!gateway) throw new Error('--canary needs the gateway, which sends the canary its share: start it too');
  const added: PreparedService[] = [];
  for (const { service, share } of requested) {
    const primary = prepared.find((p) => p.def.name === service);
    const variable = `${envPrefix(service)}_URL`;
    if (!primary || service === 'gateway' || !gateway.def.calls.includes(variable)) {
      const candidates = prepared.filter((p) => gateway.def.calls.includes(`${envPrefix(p.def.name)}_URL`)).map((p) => p.def.name);
      throw new Error(`--canary ${service}: not a service being started behind the gateway; one of ${candidates.join(', ') || '(none)'}`);
    }
    const port = primary.def.port + CANARY_PORT_STEP + portOffset;
    const canary: PreparedService = {
      ...primary,
      def: { ...primary.def, name: `${service}-canary` },
      env: { ...primary.env, PORT: String(port), METRICS_PORT: String(primary.def.metricsPort + CANARY_PORT_STEP + portOffset) },
    };
    prepared.splice(prepared.indexOf(primary) + 1, 0, canary);
    gateway.env[`${envPrefix(service)}_CANARY_URL`] = `http://127.0.0.1:${port}`;
    gateway.env[`${envPrefix(service)}_CANARY_SHARE`] = String(share);
    added.push(canary);
  }
  return added;
}
