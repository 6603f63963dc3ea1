/**
 * The browser of the web journeys: Debian's Chromium (/usr/bin/chromium, installed by the CI script;
 * never downloaded) driven by playwright-core, headless, with a fresh profile; axe-core injected into
 * each page checked, and a screenshot of every page checked under the test's output folder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from '../src/services.js';

export const CHROMIUM = process.env.BAZAAR_CHROMIUM ?? '/usr/bin/chromium';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation { page: string; id: string; impact: string; help: string; targets: string[] }

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
    const page = context.pages()[0] ?? await context.newPage();
    page.setDefaultTimeout(20_000);
    return new Browser(context, page, outputDir);
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
