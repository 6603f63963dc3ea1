import { Type, type TSchema } from 'typebox';
import Value from 'typebox/value';
import { ConfigError } from '@bazaar/platform';

/** A second version of one service, beside the first and on the same database. */
export interface CanaryUpstream {
  /** The service (upstream) it is a canary of. */
  service: string;
  url: string;
  /** The share of the service's requests sent to it at start, 0 to 1. */
  share: number;
}

/** A read route whose answers the canary gives too, in the background, to be compared. */
export interface DualRunRoute {
  /** The path, `:name` segments matching any one segment (`/products/:id`); matched whole, GET only. */
  route: string;
  /** The upstream that serves it (from the routing table). */
  service: string;
  /** JSON Pointers of members whose values are not compared; `*` is any one member or index, `**` any number. */
  ignore: string[];
}

export interface CanaryConfig {
  canaries: CanaryUpstream[];
  /** Error ratio (5xx and no answer over all answers) above which a canary's share is set to zero. */
  threshold: number;
  /** How far back the outcomes counted reach. */
  windowMs: number;
  /** Outcomes needed in the window before the ratio is judged. */
  minSample: number;
  dualRun: DualRunRoute[];
  /** Mismatch samples kept per canary (the latest). */
  samples: number;
}

export const canaryVariable = (upstream: string, what: 'URL' | 'SHARE') => `${upstream.toUpperCase().replace(/-/g, '_')}_CANARY_${what}`;

const Share = () => Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'a share from 0 to 1, e.g. 0.1' }));

/** The settings for every canary, and the dual-run routes. */
export const CanarySettings = {
  GATEWAY_CANARY_THRESHOLD: Type.Number({ minimum: 0, maximum: 1, default: 0.2, description: 'an error ratio from 0 to 1' }),
  GATEWAY_CANARY_WINDOW_MS: Type.Integer({ minimum: 1000, maximum: 3_600_000, default: 60_000 }),
  GATEWAY_CANARY_MIN_SAMPLE: Type.Integer({ minimum: 1, maximum: 100_000, default: 20 }),
  GATEWAY_DUAL_RUN: Type.Optional(Type.String({ description: 'a JSON array of { route, ignore? }' })),
  GATEWAY_DUAL_RUN_SAMPLES: Type.Integer({ minimum: 1, maximum: 1000, default: 50 }),
};

/** `<UPSTREAM>_CANARY_URL` and `<UPSTREAM>_CANARY_SHARE` for each upstream the table names. */
export function canarySettingsFor(upstreams: string[]): Record<string, TSchema> {
  return Object.fromEntries(upstreams.flatMap((name) => [
    [canaryVariable(name, 'URL'), Type.Optional(Type.String({ pattern: '^https?://', description: 'an http:// URL' }))],
    [canaryVariable(name, 'SHARE'), Share()],
  ]));
}

const PATH = '^/[A-Za-z0-9._~-]+(/([A-Za-z0-9._~-]+|:[A-Za-z][A-Za-z0-9_]*))*$';
const POINTER = '^(/([^/~]|~[01])*)+$';
const DualRunSchema = Type.Array(Type.Object({
  route: Type.String({ pattern: PATH, maxLength: 512 }),
  ignore: Type.Optional(Type.Array(Type.String({ pattern: POINTER, maxLength: 512 }), { maxItems: 64 })),
}, { additionalProperties: false }), { maxItems: 256 });

/**
 * The canaries and dual-run routes from the values `loadConfig` read. `serviceOf` names the upstream of
 * a path by the routing table (undefined when no configured route serves it). A canary of an upstream
 * without its own `_URL`, or a dual-run route whose service has no canary, is a configuration error.
 */
export function canaryConfig(
  raw: Record<string, unknown>,
  upstreams: { name: string }[],
  serviceOf: (path: string) => string | undefined,
): CanaryConfig {
  const problems: { variable: string; message: string }[] = [];
  const canaries: CanaryUpstream[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const match = /^(.+)_CANARY_URL$/.exec(key);
    if (!match || typeof value !== 'string') continue;
    const upstream = upstreams.find((u) => canaryVariable(u.name, 'URL') === key);
    if (!upstream) {
      problems.push({ variable: key, message: `names a canary of a service whose ${match[1]}_URL is not set` });
      continue;
    }
    canaries.push({ service: upstream.name, url: value.replace(/\/+$/, ''), share: (raw[canaryVariable(upstream.name, 'SHARE')] as number | undefined) ?? 0 });
  }
  for (const key of Object.keys(raw)) {
    const match = /^(.+)_CANARY_SHARE$/.exec(key);
    if (match && raw[key] !== undefined && typeof raw[`${match[1]}_CANARY_URL`] !== 'string') {
      problems.push({ variable: key, message: `is a share of a canary, but ${match[1]}_CANARY_URL is not set` });
    }
  }

  const dualRun: DualRunRoute[] = [];
  const json = raw.GATEWAY_DUAL_RUN as string | undefined;
  if (json?.trim()) {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch (error) {
      value = undefined;
      problems.push({ variable: 'GATEWAY_DUAL_RUN', message: `is not valid JSON (${(error as Error).message})` });
    }
    if (value !== undefined && !Value.Check(DualRunSchema, value)) {
      const first = [...Value.Errors(DualRunSchema, value)][0];
      problems.push({ variable: 'GATEWAY_DUAL_RUN', message: `must be a list of { route, ignore? }: ${first?.instancePath || '/'} ${first?.message ?? 'is invalid'}` });
    } else if (Array.isArray(value)) {
      for (const entry of value as { route: string; ignore?: string[] }[]) {
        const service = serviceOf(entry.route);
        if (!service) problems.push({ variable: 'GATEWAY_DUAL_RUN', message: `${entry.route}: no configured route of the gateway serves it` });
        else if (!canaries.some((c) => c.service === service)) problems.push({ variable: 'GATEWAY_DUAL_RUN', message: `${entry.route}: its service ${service} has no canary (${canaryVariable(service, 'URL')})` });
        else dualRun.push({ route: entry.route, service, ignore: entry.ignore ?? [] });
      }
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    canaries,
    threshold: raw.GATEWAY_CANARY_THRESHOLD as number,
    windowMs: raw.GATEWAY_CANARY_WINDOW_MS as number,
    minSample: raw.GATEWAY_CANARY_MIN_SAMPLE as number,
    dualRun,
    samples: raw.GATEWAY_DUAL_RUN_SAMPLES as number,
  };
}
