// Each service's compiled entry point (services/<name>/dist/main.js) and everything it imports,
// bundled by esbuild into one module, services/<name>/dist/main.bundle.js: what npm start, the test
// systems and the images run. So is the module every service imports first, the kit's tracing set-up
// (packages/platform/dist/observability/register.js, with the OpenTelemetry SDK it loads: about 300
// modules), into packages/platform/dist/register.bundle.js, which `@bazaar/platform/register` names.
// A service loads about 2,000 modules unbundled (typebox alone is 683 files), and Node keeps every
// module's source, wrapper and loader records for the process's life.
// One module instead starts in about half the CPU time and takes about 10 MiB less memory a service
// (measured at idle, catalog; see the README's "Start-up" and bench/results/startup.md).
//
//   node tools/bundle.mjs [service …]      (all services when none is named; npm run build runs it)
//
// A bundle is made again only when one of the files it was made from (its metafile lists them) is
// newer than it, so a build with nothing changed costs a few milliseconds a service.
//
// What stays outside the bundles, loaded from node_modules as before (EXTERNAL):
// - pg, pg-pool and ioredis: the tracing set-up patches them as they load (the kit's register.ts),
//   which needs them to be modules of their own; and the two hooks that patch them
//   (import-in-the-middle, require-in-the-middle), one copy for the set-up and the instrumentations;
// - native addons (argon2, DuckDB, pg-native), which are loaded from their package's folder;
// - packages that read their own files at run time: BullMQ its Lua scripts, Swagger UI its pages,
//   @fastify/helmet's helmet (the gateway resolves it through @fastify/helmet).
// Everything else (Fastify, typebox, amqplib, undici, the OpenTelemetry API, the kit and the
// contracts) is inside. The bundle keeps its names (no identifier minification) and comes with a
// source map (node --enable-source-maps reads it); comments go, licence notices to main.bundle.js.LEGAL.txt.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const EXTERNAL = [
  'pg', 'pg-pool', 'pg-native', 'ioredis', 'import-in-the-middle', 'require-in-the-middle',
  '@node-rs/argon2', '@duckdb/node-api', '@duckdb/node-bindings',
  'bullmq', '@fastify/swagger-ui', '@fastify/helmet',
];

/** The file npm start, the test systems and the images run for a service. */
export const BUNDLE = path.join('dist', 'main.bundle.js');

/** The kit's tracing set-up: compiled, and bundled (package.json's `./register` export names the bundle). */
const REGISTER = { name: '@bazaar/platform/register', dir: path.join(root, 'packages', 'platform'), entry: path.join('dist', 'observability', 'register.js'), out: path.join('dist', 'register.bundle.js') };

// A bundle is an ES module; the CommonJS packages inside it call require() for Node's built-ins.
const BANNER = 'import { createRequire as __bazaarCreateRequire } from "node:module"; const require = __bazaarCreateRequire(import.meta.url);';

/** The services (folders of services/ with a built dist/main.js), or the ones named. */
function servicesToBundle(names) {
  const base = path.join(root, 'services');
  const all = readdirSync(base).filter((name) => existsSync(path.join(base, name, 'dist', 'main.js'))).sort();
  const unknown = names.filter((name) => !all.includes(name));
  if (unknown.length) throw new Error(`no compiled service ${unknown.join(', ')} (services/<name>/dist/main.js): run the TypeScript build first (tsc -b tsconfig.build.json)`);
  return names.length ? names : all;
}

/** Why the bundle `out` of `dir` must be made, or undefined when it is newer than every file it was made from. */
function whyBundle(dir, out) {
  const bundle = path.join(dir, out);
  const meta = `${bundle}.meta.json`;
  if (!existsSync(bundle) || !existsSync(meta)) return 'not bundled yet';
  const made = statSync(bundle).mtimeMs;
  let inputs;
  try {
    inputs = Object.keys(JSON.parse(readFileSync(meta, 'utf8')).inputs);
  } catch {
    return 'its metafile is unreadable';
  }
  for (const input of inputs) {
    const file = path.resolve(root, input);
    if (!existsSync(file) || statSync(file).mtimeMs > made) return `${input} changed`;
  }
  return undefined;
}

/**
 * Bundles the services named (all when none is) and the kit's tracing set-up, each only when
 * something it is made from changed. Returns the names of those bundled. Throws when esbuild reports
 * an error.
 */
export async function bundleServices(names = [], say = () => {}) {
  if (!existsSync(path.join(REGISTER.dir, REGISTER.entry))) throw new Error(`${path.relative(root, path.join(REGISTER.dir, REGISTER.entry))} is missing: run the TypeScript build first (tsc -b tsconfig.build.json)`);
  const todo = [
    REGISTER,
    ...servicesToBundle(names).map((name) => ({ name, dir: path.join(root, 'services', name), entry: path.join('dist', 'main.js'), out: BUNDLE })),
  ]
    .map((target) => ({ ...target, why: whyBundle(target.dir, target.out) }))
    .filter((target) => target.why);
  if (!todo.length) return [];
  const { build } = await import('esbuild');
  for (const service of todo) {
    const started = performance.now();
    const result = await build({
      entryPoints: [path.join(service.dir, service.entry)],
      outfile: path.join(service.dir, service.out),
      absWorkingDir: root,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node24',
      external: EXTERNAL,
      banner: { js: BANNER },
      // Whitespace and comments out, names kept: a stack trace still names its functions. ASCII only,
      // so that V8 holds the source as one byte a character rather than two.
      minifyWhitespace: true,
      charset: 'ascii',
      legalComments: 'external',
      sourcemap: 'linked',
      metafile: true,
      logLevel: 'warning',
    });
    writeFileSync(path.join(service.dir, `${service.out}.meta.json`), JSON.stringify({ inputs: result.metafile.inputs }));
    say(`bundled ${service.name} (${service.why}) in ${Math.round(performance.now() - started)} ms`);
  }
  return todo.map((service) => service.name);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    await bundleServices(process.argv.slice(2), (line) => process.stdout.write(`[bundle] ${line}\n`));
  } catch (error) {
    process.stderr.write(`[bundle] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
