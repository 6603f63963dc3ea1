/**
 * Feature flags: OpenFeature's server SDK with flagd's provider in its in-process resolver, reading
 * a flagd flag-definition file. Evaluation happens in the process (no network hop per flag); the
 * provider polls the file's status by path (`fs.watchFile`) and re-reads it when it changes, so a
 * new definition takes effect without a restart. Because the poll follows the path rather than an
 * open file, a file replaced atomically (written beside, then renamed over) is picked up like an
 * edit in place, and so is a Kubernetes ConfigMap volume's swap of its `..data` link.
 *
 * A definition that does not parse is refused by the provider: the last good one stays in force
 * and the error is logged. A file missing (or unreadable) at start leaves the flags on their
 * fallbacks with status 'error' and is tried again until it appears.
 */
import { access } from 'node:fs/promises';
import { MemoryStorage } from '@openfeature/flagd-core';
import { FlagdProvider } from '@openfeature/flagd-provider';
import {
  NOOP_PROVIDER,
  OpenFeature,
  ProviderEvents,
  ProviderStatus,
  type Client,
  type EvaluationContext,
  type Logger as OpenFeatureLogger,
} from '@openfeature/server-sdk';
import { Type } from 'typebox';
import type { HealthRegistry } from '../health.js';
import type { Logger } from '../logger.js';

export interface FlagContext {
  targetingKey?: string;
  [attribute: string]: string | number | boolean | undefined;
}

export interface Flags {
  /** Evaluates a boolean flag for this context (targetingKey = the user's id for per-user percentages). */
  boolean(key: string, fallback: boolean, context?: FlagContext): Promise<boolean>;
  /** Evaluates a string flag; a value not in `allowed` yields the fallback. */
  string<T extends string>(key: string, fallback: T, allowed: readonly T[], context?: FlagContext): Promise<T>;
  /** The provider's state for /health: 'ready' | 'stale' | 'error' | 'not-configured'. */
  status(): string;
  close(): Promise<void>;
}

export interface FlagsOptions {
  service: string;
  /** flagd's flag-definition JSON; without it every evaluation returns its fallback. */
  file?: string;
  logger: Logger;
  /** How often a file that could not be loaded at start is tried again, in milliseconds. */
  retryMs?: number;
}

/** Each instance gets its own OpenFeature domain, so two in one process (tests) do not share a provider. */
let instances = 0;

/** What /health tells of an instance beyond the provider's state: the changes of the file it applied. */
interface Changes {
  count: number;
  at: string | null;
}
const changesOf = new WeakMap<Flags, Changes>();

/**
 * OpenFeature's server SDK with flagd's in-process provider reading `file` (flagd's flag-definition
 * JSON), re-read when the file changes: a change takes effect without a restart. Without `file`,
 * every evaluation returns its fallback (status 'not-configured').
 */
export async function createFlags(options: FlagsOptions): Promise<Flags> {
  const { service, file, logger } = options;
  if (!file) return notConfigured();

  const log = logger.child({ component: 'flags', file });
  const domain = `${service}/${++instances}`;
  const providerLogger = openFeatureLogger(log);
  const newProvider = () => new FlagdProvider({ resolverType: 'in-process', offlineFlagSourcePath: file }, providerLogger);

  const changes: Changes = { count: 0, at: null };
  const client: Client = OpenFeature.getClient(domain);
  client.addHandler(ProviderEvents.ConfigurationChanged, (details) => {
    changes.count += 1;
    changes.at = new Date().toISOString();
    log.info({ flagsChanged: details?.flagsChanged }, 'flag definitions changed');
  });
  client.addHandler(ProviderEvents.Error, (details) => log.error({ reason: details?.message }, 'flag provider in error'));
  client.addHandler(ProviderEvents.Stale, (details) => log.warn({ reason: details?.message }, 'flag provider stale'));

  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const unknownValues = new Set<string>();
  const load = async (): Promise<boolean> => {
    try {
      await OpenFeature.setProviderAndWait(domain, newProvider());
      log.info('flag definitions loaded');
      return true;
    } catch (error) {
      log.error({ err: error }, 'flag definitions could not be loaded; evaluations return their fallbacks');
      return false;
    }
  };

  if (!(await load())) {
    // flagd's file source starts watching only after a first good read: until then, try again.
    const retryMs = options.retryMs ?? 2000;
    const again = async () => {
      retry = undefined;
      if (closed) return;
      const present = await access(file).then(() => true, () => false);
      if (present && (await load())) return;
      if (!closed) retry = setTimeout(() => void again(), retryMs).unref();
    };
    retry = setTimeout(() => void again(), retryMs).unref();
  }

  const flags: Flags = {
    async boolean(key, fallback, context) {
      return client.getBooleanValue(key, fallback, evaluationContext(context));
    },
    async string<T extends string>(key: string, fallback: T, allowed: readonly T[], context?: FlagContext): Promise<T> {
      const value = await client.getStringValue(key, fallback, evaluationContext(context));
      if ((allowed as readonly string[]).includes(value)) return value as T;
      // Once per flag and value: it is evaluated again at every use.
      if (!unknownValues.has(`${key}\u0000${value}`)) {
        unknownValues.add(`${key}\u0000${value}`);
        log.warn({ flag: key, value, allowed }, 'flag variant not known to this code; the fallback applies');
      }
      return fallback;
    },
    status() {
      return statusName(client.providerStatus);
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      // Replacing the domain's provider closes flagd's (which stops watching the file).
      await OpenFeature.setProviderAndWait(domain, NOOP_PROVIDER);
    },
  };
  changesOf.set(flags, changes);
  return flags;
}

/**
 * Checks a flag-definition file's text as flagd reads it, strictly (flagd's JSON schema, each flag's
 * variants and default, its targeting rules): the reason it would be refused, or undefined when it
 * would be taken. For whatever writes the file, so a change is refused before the services see it.
 */
export function checkFlagDefinitions(text: string): string | undefined {
  const quiet = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined };
  try {
    new MemoryStorage(quiet).setConfigurations(text, true);
    return undefined;
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    return [(error as Error).message, cause instanceof Error ? cause.message : undefined].filter(Boolean).join(': ');
  }
}

/** The setting of a service that evaluates flags: its flag-definition file (none: every flag on its fallback). */
export const FlagsConfig = {
  FLAGS_FILE: Type.Optional(Type.String({ minLength: 1, maxLength: 4096, description: "flagd's flag-definition JSON file; re-read when it changes" })),
};

/**
 * `/health`'s `flags` check: the provider's state, and how many changes of the file it has applied
 * since the start (the last when). Never critical: with the provider in error the
 * flags evaluate to their fallbacks, which is how the service behaves without flags at all.
 */
export function registerFlagsHealth(health: HealthRegistry, flags: Flags): void {
  health.register('flags', async () => {
    const provider = flags.status();
    const changes = changesOf.get(flags);
    return {
      status: provider === 'ready' || provider === 'not-configured' ? 'healthy' : 'degraded',
      details: { provider, ...(changes ? { changesApplied: changes.count, lastChangeAt: changes.at } : {}) },
    };
  }, { critical: false });
}

function notConfigured(): Flags {
  return {
    async boolean(_key, fallback) {
      return fallback;
    },
    async string(_key, fallback) {
      return fallback;
    },
    status: () => 'not-configured',
    close: async () => {},
  };
}

function statusName(status: ProviderStatus): string {
  switch (status) {
    case ProviderStatus.READY:
      return 'ready';
    case ProviderStatus.STALE:
      return 'stale';
    case ProviderStatus.NOT_READY:
    case ProviderStatus.ERROR:
    case ProviderStatus.FATAL:
    default:
      return 'error';
  }
}

function evaluationContext(context: FlagContext | undefined): EvaluationContext {
  const out: EvaluationContext = {};
  if (!context) return out;
  for (const [key, value] of Object.entries(context)) if (value !== undefined) out[key] = value;
  return out;
}

/** OpenFeature's logger on the service's: the provider logs plain strings. */
function openFeatureLogger(log: Logger): OpenFeatureLogger {
  const line = (args: unknown[]) => args.map((arg) => (arg instanceof Error ? arg.message : typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ');
  return {
    error: (...args: unknown[]) => log.error(line(args)),
    warn: (...args: unknown[]) => log.warn(line(args)),
    info: (...args: unknown[]) => log.info(line(args)),
    debug: (...args: unknown[]) => log.debug(line(args)),
  };
}
