/**
 * The flag store of `npm start`: the flag-definition file every service that evaluates flags reads
 * (FLAGS_FILE, flagd's format; the kit's `createFlags` watches it), and a small admin server over it
 * that the gateway routes `/admin/flags` to (FLAGS_URL), for the operations console:
 *
 * - `GET /flags`: each flag with its type, variants, default variant, state and percentage rollout;
 * - `GET /flags/:key`: one of them;
 * - `PUT /flags/:key`: a new default variant, and for a boolean flag a percentage rollout of its
 *   other variant (flagd's `fractional` on the caller's targeting key, the user's id), strictly
 *   validated; the file is written whole to a temporary file beside it and renamed over it, so a
 *   service never reads half a file.
 *
 * Like every service it asks for an admin's token itself (identity's keys), besides the gateway, and
 * logs each change with the admin who made it (`<data-dir>/logs/flags.log` under npm start).
 * In Kubernetes the same file is a ConfigMap (deploy/k8s/base/flags.yaml) and a flip is a change to it.
 */
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Type, type Static } from 'typebox';
import { AppError, checkFlagDefinitions, createJwtVerifier, createLogger, createServiceApp, type JwtVerifier, type Logger, type ServiceApp } from '@bazaar/platform';
import { repoRoot } from './services.js';

/** The definitions the repository ships; `npm start` starts from a copy of them. */
export const SHIPPED_FLAGS = path.join(repoRoot, 'deploy', 'flags', 'flags.json');

const FlagKey = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$', maxLength: 100, description: 'the flag key, as services evaluate it' });
const VariantName = Type.String({ minLength: 1, maxLength: 100, pattern: '^[^\\u0000-\\u001f]+$', description: 'a variant of the flag' });
const Percentage = Type.Integer({ minimum: 0, maximum: 100, format: 'int32', description: 'share of users (by the targeting key, their id), in percent' });

const Rollout = Type.Object({
  variant: VariantName,
  percentage: Percentage,
}, { additionalProperties: false, description: 'this variant for a share of users, the default variant for the others' });

export const FlagViewSchema = Type.Object({
  key: FlagKey,
  type: Type.Union([Type.Literal('boolean'), Type.Literal('string'), Type.Literal('number'), Type.Literal('object')]),
  state: Type.Union([Type.Literal('ENABLED'), Type.Literal('DISABLED')], { description: 'a DISABLED flag evaluates to the code\'s fallback' }),
  description: Type.Union([Type.String({ maxLength: 1000 }), Type.Null()]),
  variants: Type.Array(Type.Object({
    name: VariantName,
    value: Type.Union([Type.String({ maxLength: 1000 }), Type.Number(), Type.Boolean(), Type.Object({}, { additionalProperties: true })]),
  }), { maxItems: 100 }),
  defaultVariant: VariantName,
  rollout: Type.Union([Rollout, Type.Null()]),
  targeting: Type.Union([Type.Literal('none'), Type.Literal('rollout'), Type.Literal('custom')], {
    description: 'none; a percentage rollout (shown in rollout); or rules of the file this API neither shows nor changes',
  }),
});
export type FlagView = Static<typeof FlagViewSchema>;

const FlagListSchema = Type.Object({ items: Type.Array(FlagViewSchema, { maxItems: 100 }) });

export const FlagChangeBody = Type.Object({
  defaultVariant: VariantName,
  rollout: Type.Optional(Type.Union([Rollout, Type.Null()], { description: 'boolean flags only; absent or null for none' })),
}, { additionalProperties: false });
export type FlagChange = Static<typeof FlagChangeBody>;

const KeyParams = Type.Object({ key: FlagKey });

/** A flag as flagd's file holds it. */
interface FlagDefinition {
  state: 'ENABLED' | 'DISABLED';
  variants: Record<string, unknown>;
  defaultVariant: string;
  targeting?: unknown;
  metadata?: Record<string, unknown>;
  [other: string]: unknown;
}
interface FlagFile {
  flags: Record<string, FlagDefinition>;
  [other: string]: unknown;
}

const adminOnly = [{ bearer: ['admin'] }];

export interface FlagAdminOptions {
  /** The flag-definition file it reads and writes. */
  file: string;
  verifier: JwtVerifier;
  logger?: Logger;
}

/** The admin app (routes registered, not listening): for the store below and the API documents. */
export async function buildFlagAdminApp(options: FlagAdminOptions): Promise<ServiceApp> {
  const { file, verifier } = options;
  const app = await createServiceApp({
    name: 'flags',
    version: '1.0.0',
    description: "npm start's feature flags: flagd's flag-definition file the services read, listed and flipped",
    logger: options.logger ?? createLogger('flags', 'warn'),
  });
  const asAdmin = verifier.preHandler({ role: 'admin' });

  /** Writes are one at a time: each reads the file as the last one left it. */
  let writing: Promise<unknown> = Promise.resolve();

  app.get('/flags', {
    schema: { operationId: 'listFlags', tags: ['flags'], summary: 'Every flag with its variants, default and rollout (admin)', security: adminOnly, response: { 200: FlagListSchema } },
    config: { problems: { 503: 'the flag file cannot be read or does not parse' } },
    preHandler: asAdmin,
  }, async () => {
    const definitions = await readFlagFile(file);
    return { items: Object.entries(definitions.flags).map(([key, flag]) => viewOf(key, flag)) };
  });

  app.get('/flags/:key', {
    schema: { operationId: 'getFlag', tags: ['flags'], summary: 'One flag (admin)', security: adminOnly, params: KeyParams, response: { 200: FlagViewSchema } },
    config: { problems: { 404: 'no such flag', 503: 'the flag file cannot be read or does not parse' } },
    preHandler: asAdmin,
  }, async (request) => {
    const definitions = await readFlagFile(file);
    const flag = Object.hasOwn(definitions.flags, request.params.key) ? definitions.flags[request.params.key] : undefined;
    if (!flag) throw AppError.notFound(`flag ${request.params.key}`);
    return viewOf(request.params.key, flag);
  });

  app.put('/flags/:key', {
    schema: {
      operationId: 'setFlag', tags: ['flags'], security: adminOnly, params: KeyParams, body: FlagChangeBody, response: { 200: FlagViewSchema },
      summary: "Set a flag's default variant and, for a boolean flag, a percentage rollout of its other variant (admin)",
    },
    config: { problems: { 404: 'no such flag', 409: 'the flag has targeting rules this API does not change', 503: 'the flag file cannot be read or does not parse' } },
    preHandler: asAdmin,
  }, async (request) => {
    const change = async () => {
      const definitions = await readFlagFile(file);
      const { key } = request.params;
      const flag = Object.hasOwn(definitions.flags, key) ? definitions.flags[key] : undefined;
      if (!flag) throw AppError.notFound(`flag ${key}`);
      const updated = applyChange(key, flag, request.body);
      definitions.flags[key] = updated;
      const text = `${JSON.stringify(definitions, null, 2)}\n`;
      const refused = checkFlagDefinitions(text);
      if (refused) throw AppError.invalid(`flagd would refuse the result: ${refused}`);
      await writeAtomically(file, text);
      // Who changed what, for the log an operator reads back (the store's log file under npm start).
      const by = await verifier.requireUser(request);
      request.log.info({ flag: key, defaultVariant: updated.defaultVariant, rollout: request.body.rollout ?? null, by: { userId: by.userId, email: by.email } }, 'flag changed');
      return viewOf(key, updated);
    };
    const result = writing.then(change, change);
    writing = result.catch(() => undefined);
    return result;
  });

  return app;
}

/** The view of one flag: its variants in the file's order, and its rollout when it is one this API writes. */
export function viewOf(key: string, flag: FlagDefinition): FlagView {
  const values = Object.values(flag.variants);
  const type = values.every((v) => typeof v === 'boolean') ? 'boolean'
    : values.every((v) => typeof v === 'string') ? 'string'
      : values.every((v) => typeof v === 'number') ? 'number' : 'object';
  const rollout = rolloutOf(flag);
  const hasTargeting = flag.targeting !== undefined && !(isObject(flag.targeting) && Object.keys(flag.targeting).length === 0);
  const description = flag.metadata?.description;
  return {
    key,
    type,
    state: flag.state,
    description: typeof description === 'string' ? description.slice(0, 1000) : null,
    variants: Object.entries(flag.variants).map(([name, value]) => ({ name, value: value as FlagView['variants'][number]['value'] })),
    defaultVariant: flag.defaultVariant,
    rollout,
    targeting: rollout ? 'rollout' : hasTargeting ? 'custom' : 'none',
  };
}

/**
 * A rollout as this API writes it: `{ "fractional": [[variant, p], [default, 100 - p]] }`, flagd
 * bucketing each user by a hash of the flag's key and the targeting key.
 */
function rolloutOf(flag: FlagDefinition): FlagView['rollout'] {
  if (!isObject(flag.targeting) || Object.keys(flag.targeting).length !== 1) return null;
  const buckets = flag.targeting.fractional;
  if (!Array.isArray(buckets) || buckets.length !== 2) return null;
  const pairs = buckets.map((b) => (Array.isArray(b) && b.length === 2 && typeof b[0] === 'string' && Number.isInteger(b[1]) ? [b[0], b[1] as number] as const : undefined));
  if (pairs.some((p) => !p)) return null;
  const [first, second] = pairs as (readonly [string, number])[];
  if (first![1] + second![1] !== 100 || second![0] !== flag.defaultVariant || first![0] === flag.defaultVariant) return null;
  if (!Object.hasOwn(flag.variants, first![0])) return null;
  return { variant: first![0], percentage: first![1] };
}

/** The flag with the change applied, or the 4xx that says what is wrong with the change. */
function applyChange(key: string, flag: FlagDefinition, change: FlagChange): FlagDefinition {
  const variants = Object.keys(flag.variants);
  const known = (name: string) => Object.hasOwn(flag.variants, name);
  if (!known(change.defaultVariant)) {
    throw AppError.invalid(`flag ${key} has no variant ${change.defaultVariant}`, [{ field: '/defaultVariant', message: `must be one of ${variants.join(', ')}` }]);
  }
  const view = viewOf(key, flag);
  if (view.targeting === 'custom') {
    throw AppError.conflict(`flag ${key} has targeting rules of its own in the flag file; change them there`);
  }
  const { targeting: _dropped, ...rest } = flag;
  const updated: FlagDefinition = { ...rest, defaultVariant: change.defaultVariant } as FlagDefinition;
  const rollout = change.rollout;
  if (!rollout) return updated;
  if (view.type !== 'boolean') {
    throw AppError.invalid(`flag ${key} is a ${view.type} flag; only a boolean flag takes a percentage rollout`, [{ field: '/rollout', message: 'must be absent or null for this flag' }]);
  }
  if (!known(rollout.variant)) {
    throw AppError.invalid(`flag ${key} has no variant ${rollout.variant}`, [{ field: '/rollout/variant', message: `must be one of ${variants.join(', ')}` }]);
  }
  if (rollout.variant === change.defaultVariant) {
    throw AppError.invalid('a rollout gives a share of users a variant other than the default', [{ field: '/rollout/variant', message: `must not be the default variant ${change.defaultVariant}` }]);
  }
  return { ...updated, targeting: { fractional: [[rollout.variant, rollout.percentage], [change.defaultVariant, 100 - rollout.percentage]] } };
}

/** The file as flagd would take it, or a 503 saying why it cannot be used. */
export async function readFlagFile(file: string): Promise<FlagFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw AppError.unavailable(`the flag file cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const refused = checkFlagDefinitions(text);
  if (refused) throw AppError.unavailable(`the flag file is not one flagd takes: ${refused.slice(0, 500)}`);
  return JSON.parse(text) as FlagFile;
}

/** Written beside, then renamed over: a reader sees the old file or the new one, never a part. */
export async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.tmp`);
  try {
    await writeFile(temporary, text, { flush: true });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export interface FlagStore {
  /** The flag-definition file, for the services' FLAGS_FILE. */
  file: string;
  /** The admin server's base URL, for the gateway's FLAGS_URL; undefined when it is not running. */
  url?: string;
  close(): Promise<void>;
}

export interface FlagStoreOptions {
  /** `<data-dir>`: the file is `<data-dir>/flags/flags.json`. */
  dataRoot: string;
  port: number;
  host?: string;
  /** identity's base URL, whose keys the admin server checks tokens with; without it, no admin server. */
  identityUrl?: string;
  /** Where the shipped definitions are (default deploy/flags/flags.json). */
  shipped?: string;
  log: (line: string) => void;
}

/**
 * The flag file (a copy of the shipped definitions the first time; kept as flipped after that) and
 * the admin server over it. A port in use costs the admin server only: the file is still there.
 */
export async function startFlagStore(options: FlagStoreOptions): Promise<FlagStore> {
  const file = path.join(options.dataRoot, 'flags', 'flags.json');
  await mkdir(path.dirname(file), { recursive: true });
  const present = await stat(file).then(() => true, () => false);
  if (!present) {
    await copyFile(options.shipped ?? SHIPPED_FLAGS, `${file}.new`);
    await rename(`${file}.new`, file);
  }
  const relative = path.relative(process.cwd(), file) || file;
  options.log(`flags: ${relative}${present ? '' : ' (copied from deploy/flags/flags.json)'}; the services re-read it when it changes`);
  if (!options.identityUrl) {
    options.log('flags: no admin server (it checks tokens with identity, which is not started); edit the file to flip a flag');
    return { file, close: async () => {} };
  }
  const verifier = createJwtVerifier({ jwksUrl: `${options.identityUrl}/.well-known/jwks.json` });
  // Its log beside the services' (each flip, with who made it): <data-dir>/logs/flags.log.
  const logger = createLogger('flags', 'info', { file: path.join(options.dataRoot, 'logs', 'flags.log') });
  const app = await buildFlagAdminApp({ file, verifier, logger });
  try {
    const url = await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
    return { file, url, close: async () => { await app.close(); logger.close?.(); } };
  } catch (error) {
    await app.close();
    logger.close?.();
    options.log(`flags: no admin server, port ${options.port} is taken: ${(error as Error).message} (edit the file to flip a flag, or use --port-offset N)`);
    return { file, close: async () => {} };
  }
}
