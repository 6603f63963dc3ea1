/**
 * The browser of the web journeys: Debian's Chromium (/usr/bin/chromium, installed by the CI script;
 * never downloaded) driven by playwright-core, headless, with a fresh profile; axe-core injected into
 * each page checked, its layout shift read, and a screenshot of every page checked under the test's
 * output folder; keyboard steps that check the focus ring at every stop, and what a phone's width cuts
 * off. And the set-up each journey file shares (`startWebTest`): the app built, a throw-away copy of
 * the system behind the web app's server, an admin if the file needs one, the browser, and the teardown.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { eventually } from '@bazaar/platform/testing';
import { repoRoot } from '../src/services.js';
import { startTestSystem, type TestSystem } from '../src/testing/system.js';
import { Shop } from '../src/testing/shop.js';
import { startWebServer, type WebServer } from '../src/web-server.js';

export const CHROMIUM = process.env.BAZAAR_CHROMIUM ?? '/usr/bin/chromium';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation { page: string; id: string; impact: string; help: string; targets: string[] }
/** A page whose layout moved more than a good page's does while it was shown, and what moved. */
export interface LayoutShift { page: string; score: number; moved: string[] }

/** Web Vitals' bound of a good cumulative layout shift. */
export const GOOD_LAYOUT_SHIFT = 0.1;

/**
 * Run in every document before its own scripts: the layout shifts no input caused (a click or a key
 * moves things on purpose), summed in session windows as Web Vitals' CLS is (a window closes after 1 s
 * without a shift or 5 s in all). The worst window is kept in `__layoutShift` with what moved in it,
 * until `Browser.layoutShift` reads it.
 */
function recordLayoutShifts(): void {
  interface Rect { x: number; y: number; width: number; height: number }
  interface Source { node: { nodeName: string; className?: unknown; textContent: string | null } | null; previousRect: Rect; currentRect: Rect }
  interface Shift { value: number; startTime: number; hadRecentInput: boolean; sources: Source[] }
  const record = { worst: 0, worstMoved: [] as string[], current: 0, moved: [] as string[], first: 0, last: 0 };
  const scope = globalThis as unknown as { __layoutShift: typeof record; PerformanceObserver: new (callback: (list: { getEntries: () => Shift[] }) => void) => { observe: (options: object) => void } };
  scope.__layoutShift = record;
  new scope.PerformanceObserver((list) => {
    for (const shift of list.getEntries()) {
      if (shift.hadRecentInput) continue;
      const sameWindow = record.current > 0 && shift.startTime - record.last < 1000 && shift.startTime - record.first < 5000;
      record.current = sameWindow ? record.current + shift.value : shift.value;
      if (!sameWindow) [record.first, record.moved] = [shift.startTime, []];
      record.last = shift.startTime;
      for (const { node, previousRect: was, currentRect: is } of shift.sources) {
        const name = `${node?.nodeName.toLowerCase() ?? '?'}${typeof node?.className === 'string' && node.className ? `.${node.className.split(' ').join('.')}` : ''}`;
        record.moved.push(`${shift.value.toFixed(4)} ${name} "${(node?.textContent ?? '').trim().slice(0, 30)}" (${[was.x, was.y, was.width, was.height].map(Math.round).join(' ')}) → (${[is.x, is.y, is.width, is.height].map(Math.round).join(' ')})`);
      }
      if (record.current > record.worst) [record.worst, record.worstMoved] = [record.current, record.moved.slice(0, 12)];
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

/** What a keyboard user sees of the focus: the focused element and the ring drawn around it. */
export interface Focus {
  /** The element's tag and accessible name as far as the page tells it (label, aria-label or text). */
  tag: string;
  name: string;
  outlineStyle: string;
  outlineWidth: number;
  /** The ring's contrast against what is drawn behind it (the nearest opaque background around the element). */
  contrast: number;
}

type Rgba = [number, number, number, number];
const parseColour = (css: string): Rgba => {
  const [r = 0, g = 0, b = 0, a = 1] = (/rgba?\(([^)]+)\)/.exec(css)?.[1] ?? '').split(/[ ,/]+/).filter(Boolean).map(Number);
  return [r, g, b, a];
};
/** WCAG's relative luminance of an sRGB colour. */
const luminance = ([r, g, b]: Rgba) => {
  const linear = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
};
/** WCAG's contrast ratio of two opaque colours, 1 to 21. */
const contrastRatio = (a: Rgba, b: Rgba) => {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
};
/** The colour seen through the layers (nearest first) over the white page. */
const composite = (layers: Rgba[]): Rgba => layers.reduceRight<Rgba>((below, [r, g, b, a]) => [r * a + below[0] * (1 - a), g * a + below[1] * (1 - a), b * a + below[2] * (1 - a), 1], [255, 255, 255, 1]);

/** A free local port, for a server that must be named before it starts (identity's link base). */
export const freePort = () => new Promise<number>((resolve, reject) => {
  const server = net.createServer().once('error', reject).listen(0, '127.0.0.1', () => {
    const { port } = server.address() as net.AddressInfo;
    server.close(() => resolve(port));
  });
});

const webDir = path.join(repoRoot, 'apps', 'web');
const BUILD_LOCK = path.join(webDir, '.build-lock');

/** The newest modification time among the app's sources and build settings. */
function newestSource(): number {
  let newest = 0;
  const visit = (file: string) => {
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) for (const entry of readdirSync(file)) visit(path.join(file, entry));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const entry of ['src', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.app.json']) visit(path.join(webDir, entry));
  return newest;
}

/**
 * The web app built from its sources as they are: the test runner builds the tools only, and a
 * build left from before would test yesterday's app. Journeys run side by side, and Vite refuses a
 * second build of the project at once, so one file builds (under a lock directory, which mkdir
 * creates atomically) and the others wait, then find the build newer than every source and skip it.
 */
export function ensureWebBuilt(say: (line: string) => void): void {
  const waiter = new Int32Array(new SharedArrayBuffer(4));
  for (const started = Date.now(); ;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch {
      // A lock older than two minutes was left by a run that died mid-build.
      const held = statSync(BUILD_LOCK, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 120_000) rmSync(BUILD_LOCK, { recursive: true, force: true });
      if (Date.now() - started > 180_000) throw new Error(`another build of the web app holds ${BUILD_LOCK} for over 3 minutes`);
      Atomics.wait(waiter, 0, 0, 200);
    }
  }
  try {
    const built = statSync(path.join(webDir, 'dist', 'index.html'), { throwIfNoEntry: false });
    if (built && built.mtimeMs > newestSource()) return say('the web app is built from its current sources');
    say('building the web app (npm run build -w apps/web)…');
    const result = spawnSync('npm', ['run', '-s', 'build', '-w', 'apps/web'], { cwd: repoRoot, stdio: 'inherit' });
    if (result.status !== 0) throw new Error('the web app did not build');
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

export class Browser {
  private shot = 0;
  private constructor(private readonly context: BrowserContext, readonly page: Page, readonly outputDir: string) {}

  static async launch(baseUrl: string, outputDir: string): Promise<Browser> {
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set BAZAAR_CHROMIUM)`);
    const profile = mkdtempSync(path.join(os.tmpdir(), 'bazaar-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
      baseURL: baseUrl,
    });
    await context.addInitScript(recordLayoutShifts);
    const page = context.pages()[0] ?? await context.newPage();
    page.setDefaultTimeout(20_000);
    return new Browser(context, page, outputDir);
  }

  /**
   * The worst layout shift since the document opened or this was last asked, with the elements that
   * moved in it (each shift's score, element, text and move); then a new count from now.
   */
  async layoutShift(): Promise<{ score: number; moved: string[] }> {
    return this.page.evaluate(() => {
      const scope = globalThis as unknown as { __layoutShift?: { worst: number; worstMoved: string[]; current: number; moved: string[] } };
      const record = scope.__layoutShift;
      const seen = { score: record?.worst ?? 0, moved: record?.worstMoved ?? [] };
      if (record) Object.assign(record, { worst: 0, worstMoved: [], current: 0, moved: [] });
      return seen;
    });
  }

  /** Whether `target` is the focused element. */
  async hasFocus(target: Locator): Promise<boolean> {
    return target.evaluate((element) => element === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement);
  }

  /** The focused element and its focus ring, read from the computed styles. */
  async focus(): Promise<Focus> {
    const seen = await this.page.evaluate(() => {
      interface Element { tagName: string; textContent: string | null; parentElement: Element | null; getAttribute: (name: string) => string | null; labels?: { textContent: string | null }[] }
      const scope = globalThis as unknown as { document: { activeElement: Element | null }; getComputedStyle: (e: Element) => Record<'outlineStyle' | 'outlineWidth' | 'outlineColor' | 'backgroundColor', string> };
      const element = scope.document.activeElement;
      if (!element) return undefined;
      const style = scope.getComputedStyle(element);
      const backgrounds: string[] = [];
      for (let around = element.parentElement; around; around = around.parentElement) backgrounds.push(scope.getComputedStyle(around).backgroundColor);
      const name = element.getAttribute('aria-label') ?? element.labels?.[0]?.textContent ?? element.textContent ?? '';
      return { tag: element.tagName.toLowerCase(), name: name.trim().replace(/\s+/g, ' '), outlineStyle: style.outlineStyle, outlineWidth: style.outlineWidth, outlineColor: style.outlineColor, backgrounds };
    });
    assert.ok(seen, 'something has the focus');
    const behind = composite(seen.backgrounds.map(parseColour));
    return { tag: seen.tag, name: seen.name, outlineStyle: seen.outlineStyle, outlineWidth: parseFloat(seen.outlineWidth) || 0, contrast: contrastRatio(parseColour(seen.outlineColor), behind) };
  }

  /**
   * Presses Tab (Shift+Tab with `backwards`) until `target` has the focus, at most `presses` times;
   * every element the focus lands on on the way must show a focus ring of at least 3:1 against what
   * is behind it (WCAG 1.4.11). Gives the stops, the target's last.
   */
  async tabTo(target: Locator, { backwards = false, presses = 20 } = {}): Promise<Focus[]> {
    const stops: Focus[] = [];
    for (let i = 0; i < presses; i++) {
      await this.page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
      const focus = await this.focus();
      stops.push(focus);
      const at = `the focus on <${focus.tag}> "${focus.name}" (after ${stops.map((s) => s.name).join(' → ')})`;
      assert.ok(focus.outlineStyle !== 'none' && focus.outlineWidth > 0, `no focus ring on ${at}`);
      assert.ok(focus.contrast >= 3, `the focus ring of ${at} has ${focus.contrast.toFixed(2)}:1 against what is behind it, under 3:1`);
      if (await this.hasFocus(target)) return stops;
    }
    assert.fail(`${presses} presses of ${backwards ? 'Shift+Tab' : 'Tab'} never reached the target: ${stops.map((s) => `<${s.tag}> ${s.name}`).join(' → ')}`);
  }

  /**
   * What a narrow screen cuts off: the page itself wider than the window (a wide table belongs in a
   * wrapper that scrolls sideways), or a caption's words beyond the window's edges.
   */
  async cutOff(): Promise<string[]> {
    return this.page.evaluate(() => {
      interface Box { left: number; right: number; width: number }
      interface Node { textContent: string | null; getBoundingClientRect: () => Box }
      const scope = globalThis as unknown as {
        innerWidth: number;
        document: { documentElement: { scrollWidth: number; clientWidth: number }; querySelectorAll: (selector: string) => ArrayLike<Node>; createRange: () => { selectNodeContents: (node: Node) => void; getBoundingClientRect: () => Box } };
      };
      const { documentElement } = scope.document;
      const problems = documentElement.scrollWidth > documentElement.clientWidth ? [`the page is ${documentElement.scrollWidth} px wide in a ${documentElement.clientWidth} px window`] : [];
      for (const caption of Array.from(scope.document.querySelectorAll('caption, figcaption'))) {
        if (caption.getBoundingClientRect().width <= 1) continue; // visually hidden, for screen readers
        // The words' extent, not the caption's box, which is as wide as its table.
        const range = scope.document.createRange();
        range.selectNodeContents(caption);
        const words = range.getBoundingClientRect();
        if (words.left < 0 || words.right > scope.innerWidth) problems.push(`the caption "${caption.textContent}" spans ${Math.round(words.left)}–${Math.round(words.right)} px of a ${scope.innerWidth} px window`);
      }
      return problems;
    });
  }

  /** axe-core's serious and critical violations on the page as it is, and a screenshot of it. */
  async check(name: string): Promise<Violation[]> {
    this.shot++;
    await this.page.screenshot({ path: path.join(this.outputDir, `${name}.png`), fullPage: true });
    // Evaluated rather than added as a script tag: the app's Content-Security-Policy refuses inline scripts.
    await this.page.evaluate(axeSource);
    const results = await this.page.evaluate(async () => {
      // In the page: its globals, which this file's Node typings do not describe.
      const scope = globalThis as unknown as { document: unknown; axe: { run: (context: unknown, options: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } };
      return scope.axe.run(scope.document, { resultTypes: ['violations'] });
    });
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ page: name, id: v.id, impact: v.impact!, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

export interface WebTestOptions {
  /** The file's name ('web-shopper'): the prefix of its log lines and of its screenshots' folder. */
  tag: string;
  /** The services of the copy of the system, the gateway among them. */
  services: string[];
  /** Variables by service; identity's go over the fixture's own (below). */
  env?: Record<string, Record<string, string>>;
  /** An account registered before the browser starts, an admin through IDENTITY_ADMIN_EMAILS. */
  admin?: { email: string; password: string; name: string };
}

/** A started journey file. Its functions use no `this`: a test destructures the ones it needs. */
export interface WebTest<AdminToken extends string | undefined = string | undefined> {
  system: TestSystem;
  /** The web app's server, the gateway under /api/: the browser's one origin. */
  web: WebServer;
  browser: Browser;
  page: Page;
  /** Calls through the gateway, as the web app makes them. */
  shop: Shop;
  /** The admin's token, when the options name one. */
  adminToken: AdminToken;
  /** Where the screenshots go (printed once the browser is up). */
  outputDir: string;
  say: (line: string) => void;
  /**
   * A screenshot of the page as it is, its axe-core violations added to `violations`, and its layout
   * shift (the worst since the page opened or the last visit) added to `layoutShifts` when above
   * GOOD_LAYOUT_SHIFT.
   */
  visit: (name: string) => Promise<void>;
  violations: Violation[];
  layoutShifts: LayoutShift[];
  /** Signs in on the sign-in page and waits for the header's "Sign out". */
  signIn: (email: string, password: string) => Promise<void>;
  /** Reloads the page until `ready` holds: what the page shows may catch up on its own time. */
  reloadUntil: (ready: () => Promise<boolean>, message: string) => Promise<void>;
  /** The browser, the web app's server and the system, in that order. */
  close: () => Promise<void>;
}

/**
 * One journey file's set-up: the web app built from its sources, a copy of the system with
 * `services`, the web app's server on a port chosen first (identity's mailed links open it), the
 * admin registered, and Chromium on the web app. Identity hashes passwords with little memory and
 * its tokens last an hour, so a slow run does not see a session end. What fails to start is stopped
 * again before the error is thrown; `close()` stops the rest.
 */
export async function startWebTest(options: WebTestOptions & { admin: NonNullable<WebTestOptions['admin']> }): Promise<WebTest<string>>;
export async function startWebTest(options: WebTestOptions): Promise<WebTest>;
export async function startWebTest(options: WebTestOptions): Promise<WebTest> {
  const say = (line: string) => console.log(`[${options.tag}] ${line}`);
  ensureWebBuilt(say);
  const outputDir = mkdtempSync(path.join(os.tmpdir(), `bazaar-${options.tag}-`));
  const port = await freePort();
  const identity = {
    IDENTITY_ARGON2_MEMORY_KIB: '1024',
    IDENTITY_ACCESS_TOKEN_TTL_SECONDS: '3600',
    IDENTITY_PUBLIC_URL: `http://127.0.0.1:${port}`,
    ...(options.admin ? { IDENTITY_ADMIN_EMAILS: options.admin.email } : {}),
    ...options.env?.identity,
  };
  const stops: (() => Promise<void>)[] = [];
  const close = async () => {
    let failure: unknown;
    for (const stop of stops.splice(0).reverse()) await stop().catch((error: unknown) => { failure ??= error; });
    if (failure) throw failure;
  };
  try {
    const system = await startTestSystem({
      services: options.services,
      parallel: true,
      env: { ...options.env, ...(options.services.includes('identity') ? { identity } : {}) },
    });
    stops.push(() => system.stop());
    const web = await startWebServer({ gateway: system.url('gateway'), port });
    stops.push(() => web.close());
    const shop = Shop.throughGateway(system);
    const adminToken = options.admin ? await shop.register(options.admin.email, options.admin.password, options.admin.name) : undefined;
    const browser = await Browser.launch(web.url, outputDir);
    stops.push(() => browser.close());
    say(`screenshots: ${outputDir}`);
    const { page } = browser;
    const violations: Violation[] = [];
    const layoutShifts: LayoutShift[] = [];
    return {
      system, web, browser, page, shop, adminToken, outputDir, say, violations, layoutShifts, close,
      visit: async (name) => {
        // Read before the screenshot, which lays out the whole page, and counted afresh after axe, so
        // what the screenshot moves is not put down to the next page.
        const { score, moved } = await browser.layoutShift();
        if (score > 0) say(`${name}: layout shift ${score.toFixed(4)}${score > GOOD_LAYOUT_SHIFT / 10 ? `: ${moved.join('; ')}` : ''}`);
        if (score > GOOD_LAYOUT_SHIFT) layoutShifts.push({ page: name, score, moved });
        violations.push(...await browser.check(name));
        await browser.layoutShift();
      },
      signIn: async (email, password) => {
        await page.goto(`${web.url}/sign-in`);
        await page.getByLabel('Email').fill(email);
        await page.getByLabel('Password').fill(password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('link', { name: 'Sign out' }).waitFor();
      },
      reloadUntil: async (ready, message) => {
        await eventually(async () => {
          if (await ready()) return true;
          await page.reload();
          return false;
        }, { timeoutMs: 60_000, intervalMs: 2000, message });
      },
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}
