/**
 * The storefront's two promises to a first-time visitor, in one run:
 *
 * 1. Weight: the JS and CSS the first page loads (the entry and its static imports, as the built
 *    index.html lists them), gzipped at level 9, against issue 17's budget of 200 KB; the chunks the
 *    first page does not load (the console) listed apart.
 * 2. Time to the first product list: the home page loaded in Debian's Chromium (playwright-core,
 *    never a downloaded browser) from the web app's server in front of a throw-away system (identity,
 *    catalog, inventory, gateway) holding eight products; timed in the page from navigation start to
 *    the first product card of the list, cold (a fresh browser context each load) and warm (one
 *    context whose cache the first load filled), beside the list's own API call fetched alone from
 *    the same browser, so the difference is the app's own.
 *
 *   npm run bench -- web   (BENCH_LOADS=20)
 *
 * Writes bench/results/web.md.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { startTestSystem } from '../tools/src/testing/system.js';
import { Shop } from '../tools/src/testing/shop.js';
import { startWebServer, webRoot } from '../tools/src/web-server.js';
import { CHROMIUM, ensureWebBuilt, freePort } from '../tools/test/web-browser.js';
import { percentile, writeResults } from './machine.js';

const LOADS = Number(process.env.BENCH_LOADS ?? 20);
const BUDGET_BYTES = 200 * 1024;
/** The home page's list: ProductGrid's cards (apps/web/src/ui/product-card.tsx). */
const FIRST_CARD = 'ul.grid[aria-label="Products"] > li.card';
/** The call the home page makes for that list (apps/web/src/pages/home.tsx). */
const LIST_CALL = '/api/products?limit=8&sort=newest';
const say = (line: string) => console.log(`[bench] ${line}`);
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const kb = (bytes: number) => `${fmt(bytes / 1024, 1)} KB`;
const uptime = () => spawnSync('uptime', { encoding: 'utf8' }).stdout.trim();

// ---- 1. Weight -------------------------------------------------------------------------------------

interface Asset { file: string; raw: number; gzip: number }
const sizeOf = (file: string): Asset => {
  const bytes = readFileSync(path.join(webRoot, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};

/**
 * The files index.html makes the browser load at once: module scripts, modulepreloads (Vite's list
 * of the entry's static imports) and stylesheets. The entry is also read for static imports the HTML
 * might not list, so a missing preload cannot hide weight.
 */
function firstPageFiles(): string[] {
  const html = readFileSync(path.join(webRoot, 'index.html'), 'utf8');
  const files = new Set<string>();
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const url = /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    const rel = /\brel="([^"]+)"/.exec(tag)?.[1];
    const loads = tag.startsWith('<script') ? /type="module"/.test(tag) : rel === 'modulepreload' || rel === 'stylesheet';
    if (url?.startsWith('/') && loads) files.add(url.slice(1));
  }
  for (const file of [...files].filter((f) => f.endsWith('.js'))) {
    const code = readFileSync(path.join(webRoot, file), 'utf8');
    // A static import in minified code: `import"./x.js"` or `from"./x.js"`; `import("./x.js")` is lazy.
    for (const m of code.matchAll(/(?:\bimport|\bfrom)\s*["']\.\/([^"']+\.js)["']/g)) files.add(path.posix.join(path.posix.dirname(file), m[1]!));
  }
  return [...files];
}

say(`load: ${uptime()}`);
ensureWebBuilt(say);
const first = firstPageFiles().map(sizeOf);
const firstNames = new Set(first.map((a) => a.file));
const later = readdirSync(path.join(webRoot, 'assets')).map((f) => `assets/${f}`).filter((f) => /\.(js|css)$/.test(f) && !firstNames.has(f)).map(sizeOf);
const firstGzip = first.reduce((sum, a) => sum + a.gzip, 0);
for (const a of first) say(`first page: ${a.file} ${kb(a.raw)} raw, ${kb(a.gzip)} gzipped`);
for (const a of later) say(`on demand: ${a.file} ${kb(a.raw)} raw, ${kb(a.gzip)} gzipped`);
say(`first page total ${kb(firstGzip)} gzipped of a ${kb(BUDGET_BYTES)} budget`);

// ---- 2. Time to the first product list -------------------------------------------------------------

const run = randomBytes(4).toString('hex');
const adminEmail = `bench-web-${run}@bazaar.test`;
say('starting identity, catalog, inventory and gateway…');
const system = await startTestSystem({
  services: ['identity', 'catalog', 'inventory', 'gateway'],
  parallel: true,
  env: { identity: { IDENTITY_ADMIN_EMAILS: adminEmail, IDENTITY_ARGON2_MEMORY_KIB: '1024' } },
});
const web = await startWebServer({ gateway: system.url('gateway'), port: await freePort() });
let browser: Browser | undefined;
try {
  const shop = Shop.throughGateway(system);
  const admin = await shop.register(adminEmail, 'Bench-The-Web-2026!', 'Bench Admin');
  const category = await shop.createCategory(admin, `bench-${run}`, 'Lamps');
  for (let i = 1; i <= 8; i++) {
    await shop.createProduct(admin, { categoryId: category, sku: `BENCH-WEB-${run.toUpperCase()}-${i}`, priceMinor: 1000 + 100 * i, stock: 50, name: `Lamp ${i}` });
  }
  say(`8 products seeded; web app at ${web.url}`);

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  const newContext = async () => {
    const context = await browser!.newContext({ baseURL: web.url, viewport: { width: 1280, height: 900 } });
    // Before the app's first script: the moment (ms from navigation start) the list's first card enters
    // the DOM, and the next animation frame after it, when it is painted.
    await context.addInitScript((selector: string) => {
      const scope = globalThis as unknown as { __firstCard?: { inserted: number; painted?: number } };
      const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document;
      const Observer = (globalThis as unknown as { MutationObserver: new (cb: () => void) => { observe(n: unknown, o: object): void; disconnect(): void } }).MutationObserver;
      const frame = (globalThis as unknown as { requestAnimationFrame(cb: () => void): void }).requestAnimationFrame;
      const observer = new Observer(() => {
        if (scope.__firstCard || !doc.querySelector(selector)) return;
        const mark = { inserted: performance.now() } as { inserted: number; painted?: number };
        scope.__firstCard = mark;
        observer.disconnect();
        frame(() => { mark.painted = performance.now(); });
      });
      // The document, not its element: that does not exist yet when this runs.
      observer.observe(doc, { childList: true, subtree: true });
    }, FIRST_CARD);
    return context;
  };

  /** One load of the home page in `context`: its marks, and the list call's timing inside it. */
  const loadHome = async (context: BrowserContext) => {
    const page = await context.newPage();
    await page.goto('/', { waitUntil: 'commit' });
    await page.waitForSelector(FIRST_CARD, { timeout: 30_000 });
    await page.waitForFunction(() => (globalThis as unknown as { __firstCard?: { painted?: number } }).__firstCard?.painted !== undefined);
    const marks = await page.evaluate(({ call, entry }: { call: string; entry: string }) => {
      const card = (globalThis as unknown as { __firstCard: { inserted: number; painted: number } }).__firstCard;
      const resources = performance.getEntriesByType('resource') as unknown as { name: string; startTime: number; responseEnd: number }[];
      const list = resources.find((e) => e.name.endsWith(call));
      const script = resources.find((e) => e.name.endsWith(entry));
      const firstCall = Math.min(...resources.filter((e) => new URL(e.name).pathname.startsWith('/api/')).map((e) => e.startTime));
      return { ...card, scriptEnd: script?.responseEnd ?? Number.NaN, firstCall, listStart: list?.startTime ?? Number.NaN, listEnd: list?.responseEnd ?? Number.NaN };
    }, { call: LIST_CALL, entry: `/${entryScript}` });
    await page.close();
    return marks;
  };

  /**
   * The list's call alone, from a page of the same origin that runs no script (a stylesheet of the
   * app opened as a document): fetch to its parsed body, as the app's client awaits it.
   */
  const fetchList = async (context: BrowserContext, stylesheet: string) => {
    const page = await context.newPage();
    await page.goto(`/${stylesheet}`);
    const ms = await page.evaluate(async (call: string) => {
      const start = performance.now();
      const answer = await fetch(call);
      const body = await answer.json() as { items: unknown[] };
      if (answer.status !== 200 || body.items.length === 0) throw new Error(`${call}: ${answer.status}`);
      return performance.now() - start;
    }, LIST_CALL);
    await page.close();
    return ms;
  };

  const entryScript = first.find((a) => a.file.endsWith('.js'))!.file;
  const stylesheet = first.find((a) => a.file.endsWith('.css'))?.file;
  if (!stylesheet) throw new Error('the first page loads no stylesheet to open as a script-free page');
  const loadBefore = os.loadavg();
  const series = () => ({ scriptEnd: [] as number[], firstCall: [] as number[], inserted: [] as number[], painted: [] as number[], listStart: [] as number[], listEnd: [] as number[], fetch: [] as number[] });
  const cold = series();
  const warm = series();
  const record = (into: typeof cold, marks: Awaited<ReturnType<typeof loadHome>>, fetched: number) => {
    into.scriptEnd.push(marks.scriptEnd);
    into.firstCall.push(marks.firstCall);
    into.inserted.push(marks.inserted);
    into.painted.push(marks.painted);
    into.listStart.push(marks.listStart);
    into.listEnd.push(marks.listEnd);
    into.fetch.push(fetched);
  };

  // One untimed load first: the servers' own warm-up (connections, JIT, catalog's first query).
  const warmUp = await newContext();
  await loadHome(warmUp);
  await fetchList(warmUp, stylesheet);
  await warmUp.close();

  // Cold: each load and each lone call in a context of its own, alternating, so the machine's other
  // load falls on both alike.
  for (let i = 1; i <= LOADS; i++) {
    const appContext = await newContext();
    const marks = await loadHome(appContext);
    await appContext.close();
    const callContext = await newContext();
    const fetched = await fetchList(callContext, stylesheet);
    await callContext.close();
    record(cold, marks, fetched);
    say(`cold ${i}/${LOADS}: first card ${fmt(marks.inserted)} ms (painted ${fmt(marks.painted)}), list call ${fmt(marks.listStart)}–${fmt(marks.listEnd)} ms; the call alone ${fmt(fetched)} ms`);
  }

  // Warm: one context, its cache filled by a first load; each load a new tab in it.
  const warmContext = await newContext();
  await loadHome(warmContext);
  for (let i = 1; i <= LOADS; i++) {
    const marks = await loadHome(warmContext);
    const fetched = await fetchList(warmContext, stylesheet);
    record(warm, marks, fetched);
    say(`warm ${i}/${LOADS}: first card ${fmt(marks.inserted)} ms (painted ${fmt(marks.painted)}), list call ${fmt(marks.listStart)}–${fmt(marks.listEnd)} ms; the call alone ${fmt(fetched)} ms`);
  }
  await warmContext.close();
  const loadAfter = os.loadavg();

  const p = (values: number[], q: number) => fmt(percentile(values, q));
  const row = (name: string, values: number[]) => `| ${name} | ${p(values, 50)} | ${p(values, 95)} | ${fmt(Math.min(...values))} | ${fmt(Math.max(...values))} |`;
  const table = (r: typeof cold) => `| from navigation start, ms | p50 | p95 | min | max |
|---|---:|---:|---:|---:|
${row('the entry script received', r.scriptEnd)}
${row('the app\'s first API call sent', r.firstCall)}
${row('the list call sent by the app', r.listStart)}
${row('its answer received', r.listEnd)}
${row('**first product card in the DOM**', r.inserted)}
${row('the next frame (painted)', r.painted)}
${row('baseline: the list call alone (fetch to parsed JSON)', r.fetch)}`;
  const own = (r: typeof cold) => percentile(r.inserted, 50) - percentile(r.fetch, 50);
  const verdict = firstGzip <= BUDGET_BYTES ? `within the budget, ${kb(BUDGET_BYTES - firstGzip)} to spare` : `**over the budget** by ${kb(firstGzip - BUDGET_BYTES)}`;

  const body = `
Load on the machine (${os.cpus().length} cores, shared with other work at the time): \`${uptime()}\` at the end;
load average (1/5/15 min) ${loadBefore.map((l) => l.toFixed(2)).join(' / ')} before the timed loads, ${loadAfter.map((l) => l.toFixed(2)).join(' / ')} after.
Single loads move by tens of percent on a loaded machine; read the p50s side by side, not alone.

## 1. The first page's weight

The built app (\`npm run build -w apps/web\`, rebuilt only if a source is newer than the build).
The first page loads what apps/web/dist/index.html lists (its module script, modulepreloads and
stylesheets) and what those scripts import statically; sizes gzipped with node:zlib at level 9
(KB = 1,024 bytes).

| loaded by the first page | raw | gzipped |
|---|---:|---:|
${first.map((a) => `| ${a.file} | ${kb(a.raw)} | ${kb(a.gzip)} |`).join('\n')}
| **total** | ${kb(first.reduce((s, a) => s + a.raw, 0))} | **${kb(firstGzip)}** |

Budget (issue 17): ${kb(BUDGET_BYTES)} gzipped; ${verdict}.

Loaded on demand only (the operations console, behind a lazy import), not counted above:

| file | raw | gzipped |
|---|---:|---:|
${later.map((a) => `| ${a.file} | ${kb(a.raw)} | ${kb(a.gzip)} |`).join('\n')}

## 2. Time to the first product list

Debian's Chromium ${browser.version()} (headless, playwright-core), 1280 × 900, against the web app's server
(tools/src/web-server.ts: the built files, /api/ proxied to the gateway) in front of a throw-away
identity, catalog, inventory and gateway, the catalog holding 8 products in one category. The home
page asks for categories and \`${LIST_CALL}\`, and draws the list.

- Measured in the page: a MutationObserver installed before the app's first script notes
  \`performance.now()\` (ms since navigation start) when \`${FIRST_CARD}\` first exists, and again
  at the next animation frame (the card painted). The entry script's arrival, the app's first call
  under /api/, and the list call's send and answer are Resource Timing entries of the same load.
- Baseline: the same call alone from the same browser: a page of the same origin that runs no script
  (the app's stylesheet opened as a document), \`fetch\` to the parsed JSON, timed by \`performance.now()\`.
- Cold: every load and every baseline call in a fresh browser context (empty cache, new connection for
  the page; the baseline's page opened first, so its call reuses that connection). Warm: one context
  whose cache a first, untimed load filled (the assets are immutable, so they come from the cache;
  index.html is revalidated); each load in a new tab of it. One untimed load and call before all.
- ${LOADS} loads of each, cold loads alternating with cold calls.

### Cold cache (a first visit)

${table(cold)}

### Warm cache (a returning visitor)

${table(warm)}

What it means: the product list's call alone takes ${p(cold.fetch, 50)} ms (cold) and ${p(warm.fetch, 50)} ms (warm) at the median; the first card
appears ${p(cold.inserted, 50)} ms and ${p(warm.inserted, 50)} ms after navigation start, so the app's own share (the page, its
${kb(firstGzip)} of script and style, starting up, and drawing) is about ${fmt(own(cold))} ms cold and ${fmt(own(warm))} ms warm.
The app sends the list call ${p(cold.listStart, 50)} ms (cold) and ${p(warm.listStart, 50)} ms (warm) after navigation start: that much is
the page and its script arriving and starting before any data is asked for; of it, the entry script has
arrived by ${p(cold.scriptEnd, 50)} ms (cold) and ${p(warm.scriptEnd, 50)} ms (warm), so the rest, about ${fmt(percentile(cold.listStart, 50) - percentile(cold.scriptEnd, 50))} ms cold and
${fmt(percentile(warm.listStart, 50) - percentile(warm.scriptEnd, 50))} ms warm, is the script being compiled and run until the home page asks for its data.
`;
  say(`wrote ${writeResults('web', 'Web storefront: the first page\'s weight and the time to the first product list', 'npm run bench -- web', body)}`);
} finally {
  await browser?.close();
  await web.close();
  await system.stop();
}
process.exit(0);
