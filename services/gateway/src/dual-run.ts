import { Counter, type Logger, type Registry, type ServiceClient } from '@bazaar/platform';
import type { DualRunRoute } from './canary.config.js';

/** One difference between the two answers: where (a JSON Pointer, or `(status)`), and each side's value (left out where that side has no such member). */
export interface Difference {
  path: string;
  primary?: unknown;
  canary?: unknown;
}

export interface MismatchSample {
  at: string;
  /** The configured route, and the request's path and query. */
  route: string;
  url: string;
  status: { primary: number; canary: number };
  /** The first differences found (at most {@link MAX_DIFFERENCES}); `more` tells whether there were others. */
  differences: Difference[];
  more: boolean;
}

export type ComparisonResult = 'match' | 'mismatch' | 'canary-error' | 'skipped';

export interface DualRunReport {
  service: string;
  routes: { route: string; ignore: string[] }[];
  counts: Record<ComparisonResult, number>;
  samples: MismatchSample[];
}

export interface DualRun {
  /** The configured route a GET path falls under for this service, if any. */
  routeOf(service: string, pathname: string): DualRunRoute | undefined;
  /**
   * Sends the same request to the canary in the background and compares its answer with the primary's.
   * Returns at once; never throws.
   */
  mirror(call: MirroredCall): void;
  report(service: string): DualRunReport | undefined;
  /** Resolves once no mirrored call is in flight (tests, shutdown). */
  idle(): Promise<void>;
}

export interface MirroredCall {
  route: DualRunRoute;
  client: ServiceClient;
  path: string;
  headers: Record<string, string | string[]>;
  timeoutMs: number;
  primary: { status: number; contentType: string | undefined; body: Buffer };
}

const MAX_DIFFERENCES = 20;
/** A value in a sample longer than this (as JSON) is kept as a cut string. */
const MAX_VALUE_CHARS = 512;
/** Answers larger than this are not compared (the comparison would cost the gateway more than it tells). */
const MAX_COMPARED_BYTES = 1024 * 1024;
/** Mirrored calls in flight at once; beyond this a call is skipped rather than queued. */
const MAX_IN_FLIGHT = 16;

/**
 * Dual-run and compare: for the configured GET routes the primary answers the client as always, and
 * the same request goes to the service's canary afterwards, in the background. The two answers (status
 * and JSON body, minus the declared volatile members) are compared and counted by result; the last
 * `samples` mismatches per service are kept. Memory is bounded: a fixed number of samples, values cut
 * short, answers over 1 MiB and calls beyond 16 in flight skipped.
 */
export function createDualRun(
  routes: DualRunRoute[],
  options: { samples: number; logger: Logger; metrics: Registry },
): DualRun {
  const comparisons = new Counter({
    name: 'gateway_dual_run_comparisons_total',
    help: "Reads answered by the primary and mirrored to the canary, by upstream, route and result (match, mismatch, canary-error, skipped)",
    labelNames: ['upstream', 'route', 'result'],
    registers: [options.metrics],
  });
  const state = new Map<string, { counts: Record<ComparisonResult, number>; samples: MismatchSample[] }>();
  for (const route of routes) {
    if (!state.has(route.service)) state.set(route.service, { counts: { match: 0, mismatch: 0, 'canary-error': 0, skipped: 0 }, samples: [] });
    for (const result of ['match', 'mismatch', 'canary-error', 'skipped']) comparisons.inc({ upstream: route.service, route: route.route, result }, 0);
  }
  const matchers = routes.map((route) => ({ route, segments: route.route.split('/'), ignore: route.ignore.map(pointerSegments) }));
  let inFlight = 0;
  let waiting: (() => void)[] = [];

  const count = (route: DualRunRoute, result: ComparisonResult) => {
    comparisons.inc({ upstream: route.service, route: route.route, result });
    state.get(route.service)!.counts[result]++;
  };

  async function compare(call: MirroredCall): Promise<void> {
    const matcher = matchers.find((m) => m.route === call.route)!;
    let canary: { status: number; contentType: string | undefined; body: Buffer };
    try {
      const response = await call.client.request<Buffer>({ method: 'GET', path: call.path, headers: call.headers, timeoutMs: call.timeoutMs, raw: true });
      canary = { status: response.status, contentType: response.headers['content-type'] as string | undefined, body: response.body };
    } catch (error) {
      options.logger.debug({ upstream: call.route.service, url: call.path, err: error }, 'dual run: the canary gave no answer');
      return count(call.route, 'canary-error');
    }
    if (canary.status >= 500) return count(call.route, 'canary-error');
    if (canary.body.length > MAX_COMPARED_BYTES) return count(call.route, 'skipped');
    const differences: Difference[] = [];
    if (canary.status !== call.primary.status) differences.push({ path: '(status)', primary: call.primary.status, canary: canary.status });
    const primaryJson = parseJson(call.primary);
    const canaryJson = parseJson(canary);
    if (primaryJson.ok && canaryJson.ok) {
      diff(primaryJson.value, canaryJson.value, [], matcher.ignore, differences);
    } else if (!call.primary.body.equals(canary.body)) {
      differences.push({ path: '(body)', primary: preview(call.primary.body.toString('utf8')), canary: preview(canary.body.toString('utf8')) });
    }
    if (differences.length === 0) return count(call.route, 'match');
    count(call.route, 'mismatch');
    const samples = state.get(call.route.service)!.samples;
    samples.push({
      at: new Date().toISOString(),
      route: call.route.route,
      url: call.path.slice(0, 2048),
      status: { primary: call.primary.status, canary: canary.status },
      differences: differences.slice(0, MAX_DIFFERENCES).map((d) => ({
        path: d.path.slice(0, 512),
        ...(d.primary !== undefined ? { primary: cut(d.primary) } : {}),
        ...(d.canary !== undefined ? { canary: cut(d.canary) } : {}),
      })),
      more: differences.length > MAX_DIFFERENCES,
    });
    if (samples.length > options.samples) samples.splice(0, samples.length - options.samples);
    options.logger.info({ upstream: call.route.service, route: call.route.route, url: call.path, paths: differences.slice(0, 5).map((d) => d.path) }, 'dual run: the canary answered differently');
  }

  return {
    routeOf(service, pathname) {
      const segments = pathname.split('/');
      return matchers.find((m) => m.route.service === service && m.segments.length === segments.length
        && m.segments.every((s, i) => (s.startsWith(':') ? segments[i] !== '' : s === segments[i])))?.route;
    },
    mirror(call) {
      if (inFlight >= MAX_IN_FLIGHT || call.primary.body.length > MAX_COMPARED_BYTES) {
        count(call.route, 'skipped');
        return;
      }
      inFlight++;
      void compare(call)
        .catch((error: unknown) => options.logger.warn({ err: error, upstream: call.route.service }, 'dual run: the comparison failed'))
        .finally(() => {
          inFlight--;
          if (inFlight === 0) {
            for (const resolve of waiting) resolve();
            waiting = [];
          }
        });
    },
    report(service) {
      const kept = state.get(service);
      if (!kept) return undefined;
      return {
        service,
        routes: routes.filter((r) => r.service === service).map((r) => ({ route: r.route, ignore: r.ignore })),
        counts: { ...kept.counts },
        samples: [...kept.samples].reverse(),
      };
    },
    idle: () => (inFlight === 0 ? Promise.resolve() : new Promise((resolve) => waiting.push(resolve))),
  };
}

function parseJson(answer: { contentType: string | undefined; body: Buffer }): { ok: true; value: unknown } | { ok: false } {
  if (!/[/+]json\b/.test(answer.contentType ?? '')) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(answer.body.toString('utf8')) };
  } catch {
    return { ok: false };
  }
}

/** A JSON Pointer's reference tokens, unescaped (`~1` is `/`, `~0` is `~`). */
function pointerSegments(pointer: string): string[] {
  return pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const pointer = (segments: string[]) => segments.map((s) => `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/** Whether a member's path is matched by a pattern: `*` is any one segment, `**` any number (none included). */
function matches(pattern: string[], path: string[]): boolean {
  if (pattern.length === 0) return path.length === 0;
  const [first, ...rest] = pattern;
  if (first === '**') return matches(rest, path) || (path.length > 0 && matches(pattern, path.slice(1)));
  if (path.length === 0) return false;
  return (first === '*' || first === path[0]) && matches(rest, path.slice(1));
}

function diff(primary: unknown, canary: unknown, path: string[], ignore: string[][], out: Difference[]): void {
  if (out.length > MAX_DIFFERENCES) return;
  if (ignore.some((pattern) => matches(pattern, path))) return;
  const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  if (kind(primary) !== kind(canary)) {
    out.push({ path: pointer(path), primary, canary });
    return;
  }
  if (Array.isArray(primary)) {
    const other = canary as unknown[];
    for (let i = 0; i < Math.max(primary.length, other.length); i++) {
      diff(i < primary.length ? primary[i] : undefined, i < other.length ? other[i] : undefined, [...path, String(i)], ignore, out);
    }
    return;
  }
  if (primary !== null && typeof primary === 'object') {
    const a = primary as Record<string, unknown>;
    const b = canary as Record<string, unknown>;
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      diff(Object.hasOwn(a, key) ? a[key] : undefined, Object.hasOwn(b, key) ? b[key] : undefined, [...path, key], ignore, out);
    }
    return;
  }
  if (primary !== canary) out.push({ path: pointer(path), primary, canary });
}

const preview = (text: string) => (text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text);

/** A value as kept in a sample: as it is when short, else its JSON cut short. */
function cut(value: unknown): unknown {
  const json = JSON.stringify(value);
  return json.length > MAX_VALUE_CHARS ? `${json.slice(0, MAX_VALUE_CHARS)}…` : value;
}
