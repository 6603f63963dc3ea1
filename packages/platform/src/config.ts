import { Type, type Static, type TObject, type TProperties, type TSchema } from 'typebox';
import Value from 'typebox/value';

/** Raised at start-up when the environment does not satisfy a service's config schema. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `invalid configuration:\n${problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n')}\n` +
        'Set or correct these environment variables and start again.',
    );
    this.name = 'ConfigError';
  }
}

/**
 * Reads the environment through a TypeBox object schema: applies defaults, converts strings to the
 * declared types and throws one {@link ConfigError} that names every missing or malformed variable.
 * Only the properties named in the schema are read, so a service never sees another's settings.
 */
export function loadConfig<P extends TProperties>(
  schema: TObject<P>,
  env: NodeJS.ProcessEnv = process.env,
): Static<TObject<P>> {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(schema.properties)) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const value = Value.Convert(schema, Value.Default(schema, raw));
  if (Value.Check(schema, value)) return value as Static<TObject<P>>;

  // Checked one variable at a time, so that every bad variable is named, not just the first.
  const byVariable = new Map<string, string>();
  const required = new Set<string>((schema as { required?: string[] }).required ?? []);
  const converted = value as Record<string, unknown>;
  for (const [variable, property] of Object.entries(schema.properties)) {
    const given = converted[variable];
    if (given === undefined) {
      if (required.has(variable)) byVariable.set(variable, 'is required but not set');
      continue;
    }
    if (!Value.Check(property as TSchema, given)) {
      byVariable.set(variable, `${describe(property)} (got ${JSON.stringify(raw[variable])})`);
    }
  }
  throw new ConfigError([...byVariable].map(([variable, message]) => ({ variable, message })));
}

function describe(schema: unknown): string {
  const s = schema as {
    description?: string; type?: string; format?: string; anyOf?: { const?: unknown }[]; enum?: unknown[];
    minimum?: number; maximum?: number; pattern?: string;
  } | undefined;
  if (!s) return 'is malformed';
  if (s.description) return `must be ${s.description}`;
  if (s.anyOf) return `must be one of ${s.anyOf.map((x) => JSON.stringify(x.const)).join(', ')}`;
  if (s.enum) return `must be one of ${s.enum.map((x) => JSON.stringify(x)).join(', ')}`;
  if (s.type === 'integer' || s.type === 'number') {
    const range = s.minimum !== undefined && s.maximum !== undefined ? ` from ${s.minimum} to ${s.maximum}` : '';
    return `must be ${s.type === 'integer' ? 'a whole number' : 'a number'}${range}`;
  }
  if (s.format) return `must be a valid ${s.format}`;
  if (s.pattern) return `must match ${s.pattern}`;
  return `must be a ${s.type ?? 'valid value'}`;
}

/** Settings every service shares; a service's own schema spreads these in. */
export const CommonConfig = {
  HOST: Type.String({ default: '127.0.0.1' }),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
  SHUTDOWN_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 120_000, default: 10_000 }),
  /** Connections the service's pool may open to its database (the consumer and relay take theirs from it). */
  DATABASE_POOL_MAX: Type.Integer({ minimum: 2, maximum: 200, default: 10 }),
  /**
   * Statements with parameters are prepared once per connection (on); off sends each one to be
   * parsed and planned again, for a pooler in front of PostgreSQL that cannot keep prepared
   * statements (see createPool's `prepare`).
   */
  DATABASE_PREPARED_STATEMENTS: Type.Enum(['on', 'off'], { default: 'on' }),
};

/**
 * Where a service serves `/metrics`: a port of its own beside the public one (by convention the
 * public port + 50), bound to `METRICS_HOST`; neither is exposed to clients.
 */
export const MetricsConfig = (port: number) => ({
  METRICS_PORT: Type.Integer({ minimum: 1, maximum: 65535, default: port }),
  METRICS_HOST: Type.String({ default: '127.0.0.1' }),
});

/** A port variable with a service's default. */
export const PortConfig = (port: number) => Type.Integer({ minimum: 1, maximum: 65535, default: port });

/** A required `postgres://` URL variable. */
export const DatabaseUrlConfig = () =>
  Type.String({ pattern: '^postgres(ql)?://', description: 'a postgres:// connection URL' });

/**
 * The base URL of a service called through a service client (http/client.ts), or of its replicas,
 * comma-separated: `http://127.0.0.1:8102` or `http://127.0.0.1:8102,http://127.0.0.1:10102`.
 */
export const ServiceUrlConfig = (description: string) => Type.String({
  pattern: '^https?://[^,\\s]+(,\\s*https?://[^,\\s]+)*,?$',
  maxLength: 2000,
  description: `${description}; several replicas comma-separated`,
});

/** Settings of a service that sends or receives messages (see messaging/). */
export const MessagingConfig = {
  AMQP_URL: Type.String({ pattern: '^amqps?://', description: 'an amqp:// URL', default: 'amqp://guest:guest@127.0.0.1:5672' }),
  /** Prefixes every exchange and queue, so two copies of the system can share one broker. */
  MESSAGING_NAMESPACE: Type.Optional(Type.String({ pattern: '^[a-z0-9_-]{1,40}$', description: 'letters, digits, - or _' })),
  MESSAGING_RETRY_DELAY_MS: Type.Integer({ minimum: 10, maximum: 3_600_000, default: 10_000 }),
  MESSAGING_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 100, default: 5 }),
  /** Attempts for a handler's transient refusal ("not now"); unset: 12 × MESSAGING_MAX_ATTEMPTS. */
  MESSAGING_MAX_TRANSIENT_ATTEMPTS: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  /**
   * The type of the service's work, retry and dead-letter queues: `classic` (one node; the default, as
   * on one machine) or `quorum` (replicated over a RabbitMQ cluster's nodes, what a cluster wants).
   * A queue keeps the type it was declared with: switching an existing deployment means draining and
   * deleting its queues first (the broker refuses a redeclaration with another type).
   */
  MESSAGING_QUEUE_TYPE: Type.Enum(['classic', 'quorum'], { default: 'classic' }),
};

/** The createMessaging options that come from {@link MessagingConfig}. */
export function messagingSettings(config: {
  AMQP_URL: string; MESSAGING_NAMESPACE?: string | undefined; MESSAGING_RETRY_DELAY_MS: number; MESSAGING_MAX_ATTEMPTS: number; MESSAGING_MAX_TRANSIENT_ATTEMPTS?: number | undefined;
  MESSAGING_QUEUE_TYPE?: 'classic' | 'quorum' | undefined;
}) {
  return {
    amqpUrl: config.AMQP_URL,
    ...(config.MESSAGING_QUEUE_TYPE === 'quorum' ? { queueType: 'quorum' as const } : {}),
    ...(config.MESSAGING_NAMESPACE ? { namespace: config.MESSAGING_NAMESPACE } : {}),
    retry: {
      delayMs: config.MESSAGING_RETRY_DELAY_MS,
      maxAttempts: config.MESSAGING_MAX_ATTEMPTS,
      ...(config.MESSAGING_MAX_TRANSIENT_ATTEMPTS ? { maxTransientAttempts: config.MESSAGING_MAX_TRANSIENT_ATTEMPTS } : {}),
    },
  };
}
