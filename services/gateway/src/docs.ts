import swaggerUi from '@fastify/swagger-ui';
import { BEARER_SCHEME, documentProblems, operationsOf, type Logger, type RouteNote, type ServiceApp, type ServiceClient } from '@bazaar/platform';
import { underPrefix } from './routes.table.js';

type Json = Record<string, unknown>;

export interface OpenApiDocument extends Json {
  openapi: string;
  info: Json;
  paths: Record<string, Json>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
  tags: { name: string }[];
  /** Upstreams whose document could not be fetched; their paths are missing. */
  'x-unavailable': string[];
}

export interface DocsSource {
  name: string;
  client: ServiceClient;
  /** The gateway's prefixes for this upstream: only the paths under them are reachable, so shown. */
  prefixes: string[];
}

/** A gateway route whose upstream path is another (`rewrite`): its upstream's paths under it, shown at the gateway's. */
export interface RewrittenDocs {
  /** The gateway's prefix, `:name` segments included. */
  prefix: string;
  /** The upstream path the prefix stands for. */
  rewrite: string;
  /** The upstreams behind it: the first whose document has paths under `rewrite` is shown. */
  upstreams: string[];
  /** The prefix's parameter that names the upstream: documented as a path parameter taking `upstreams`. */
  parameter?: string;
  /** What the gateway asks of callers there, when it asks more than the upstream says. */
  security?: Json[];
}

export interface DocsAggregator {
  /** The merged document, fetched again once older than the cache duration. */
  get(): Promise<OpenApiDocument>;
}

/**
 * Builds one OpenAPI document out of the gateway's own routes and each upstream's `/openapi.json`. Upstreams serve the same paths
 * as the gateway routes them, so paths are merged as they are; a component schema name used by two
 * upstreams for different schemas is renamed `<upstream>_<name>` in the second, references included.
 */
export function createDocsAggregator(options: {
  sources: DocsSource[];
  cacheMs: number;
  version: string;
  timeoutMs?: number;
  logger?: Logger;
  /** The gateway's own document and the prefixes of the routes it serves itself (`/me`), merged first. */
  own?: { document: () => Json; prefixes: string[] };
  /** What the gateway adds to every operation it serves (its rate limit and CORS headers). */
  edge?: RouteNote;
  rewritten?: RewrittenDocs[];
}): DocsAggregator {
  let cached: { document: OpenApiDocument; at: number } | undefined;
  let pending: Promise<OpenApiDocument> | undefined;

  async function build(): Promise<OpenApiDocument> {
    const fetched = await Promise.all(options.sources.map(async (source) => {
      try {
        return { source, document: await source.client.getJson<Json>('/openapi.json', { timeoutMs: options.timeoutMs ?? 3000 }) };
      } catch (error) {
        options.logger?.warn({ upstream: source.name, err: error }, `API document of ${source.name} is unavailable`);
        return { source, document: undefined };
      }
    }));
    const merged: OpenApiDocument = {
      openapi: '3.1.0',
      info: { title: 'Bazaar API', version: options.version, description: 'Every service behind the gateway, as the gateway serves them.' },
      paths: {},
      components: { schemas: {}, securitySchemes: { bearer: BEARER_SCHEME } },
      tags: [],
      'x-unavailable': fetched.filter((f) => !f.document).map((f) => f.source.name),
    };
    const under = (prefixes: string[]) => (path: string) => prefixes.some((p) => underPrefix(p, path));
    if (options.own) mergeInto(merged, 'gateway', under(options.own.prefixes), options.own.document());
    for (const { source, document } of fetched) {
      if (document) mergeInto(merged, source.name, under(source.prefixes), document);
    }
    for (const route of options.rewritten ?? []) {
      const has = (document: Json | undefined) => Object.keys((document?.paths ?? {}) as Json).some((path) => underPrefix(route.rewrite, path));
      const found = fetched.find((f) => route.upstreams.includes(f.source.name) && has(f.document));
      if (found) mergeInto(merged, found.source.name, () => true, rewrite(found.document!, route));
    }
    if (options.edge) {
      for (const [path, , operation] of operationsOf(merged)) documentProblems(path, operation, options.edge);
    }
    return merged;
  }

  return {
    async get() {
      if (cached && Date.now() - cached.at < options.cacheMs) return cached.document;
      pending ??= build()
        .then((document) => {
          cached = { document, at: Date.now() };
          return document;
        })
        .finally(() => { pending = undefined; });
      return pending;
    },
  };
}

function mergeInto(merged: OpenApiDocument, name: string, reachable: (path: string) => boolean, document: Json): void {
  const components = (document.components ?? {}) as { schemas?: Record<string, unknown> };
  const renames = new Map<string, string>();
  for (const [schemaName, schema] of Object.entries(components.schemas ?? {})) {
    const existing = merged.components.schemas[schemaName];
    if (existing !== undefined && JSON.stringify(existing) !== JSON.stringify(schema)) renames.set(schemaName, `${name}_${schemaName}`);
  }
  const renamed = renames.size ? rewriteRefs(document, renames) as Json : document;
  for (const [schemaName, schema] of Object.entries((renamed.components as typeof components | undefined)?.schemas ?? {})) {
    merged.components.schemas[renames.get(schemaName) ?? schemaName] = schema;
  }
  for (const [path, item] of Object.entries((renamed.paths ?? {}) as Record<string, Json>)) {
    if (reachable(path)) merged.paths[path] = { ...item, 'x-upstream': name };
  }
  const listed = new Set(merged.tags.map((t) => t.name));
  for (const tag of (document.tags ?? []) as { name: string }[]) {
    if (!listed.has(tag.name)) merged.tags.push(tag);
    listed.add(tag.name);
  }
}

/** A document's paths under `route.rewrite`, as the gateway serves them, with the parameter naming the upstream. */
function rewrite(document: Json, route: RewrittenDocs): Json {
  const prefix = route.prefix.replace(/:([A-Za-z][A-Za-z0-9_]*)/g, '{$1}');
  const paths: Record<string, Json> = {};
  for (const [path, item] of Object.entries((document.paths ?? {}) as Record<string, Json>)) {
    if (!underPrefix(route.rewrite, path)) continue;
    const copy = structuredClone(item);
    for (const operation of Object.values(copy) as Json[]) {
      if (!operation || typeof operation !== 'object' || Array.isArray(operation)) continue;
      if (route.security) operation.security = route.security;
      if (route.parameter) {
        const named = { name: route.parameter, in: 'path', required: true, description: 'the service', schema: { type: 'string', enum: route.upstreams } };
        operation.parameters = [named, ...((operation.parameters ?? []) as Json[])];
      }
    }
    paths[`${prefix}${path.slice(route.rewrite.length)}`] = copy;
  }
  return { ...document, paths };
}

function rewriteRefs(value: unknown, renames: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, renames));
  if (!value || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    const match = key === '$ref' && typeof v === 'string' ? /^#\/components\/schemas\/(.+)$/.exec(v) : null;
    out[key] = match && renames.has(match[1]!) ? `#/components/schemas/${renames.get(match[1]!)}` : rewriteRefs(v, renames);
  }
  return out;
}

/** `GET /docs` (Swagger UI over the merged document) and `GET /docs/openapi.json` (the document). */
export async function registerDocs(app: ServiceApp, docs: DocsAggregator): Promise<void> {
  let latest: OpenApiDocument | undefined;
  app.get('/docs/openapi.json', { schema: { hide: true } }, async () => docs.get());
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    // Swagger UI reads its document synchronously from /docs/json; have it fresh before that handler runs.
    uiHooks: {
      // Fastify awaits async hooks; @fastify/swagger-ui types this one as callback-style only.
      // eslint-disable-next-line @typescript-eslint/no-misused-promises
      preHandler: async (request) => {
        if (/\/docs\/(json|yaml)$/.test(request.url.split('?')[0]!)) latest = await docs.get();
      },
    },
    // The pages need their own scripts and styles, so they replace the gateway's "nothing allowed"
    // policy with Swagger UI's, still refusing to be framed and without upgrading local plain http.
    staticCSP: true,
    transformStaticCSP: (header) => header
      .replace("frame-ancestors 'self'", "frame-ancestors 'none'")
      .replace(/\s*upgrade-insecure-requests;?/, ''),
    transformSpecificationClone: false,
    transformSpecification: (spec) => latest ?? spec,
  });
}
