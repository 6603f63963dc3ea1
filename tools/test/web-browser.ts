/**
 * The browser of the web journeys: Debian's Chromium (/usr/bin/chromium, installed by the CI script;
 * never downloaded) driven by playwright-core, headless, with a fresh profile; axe-core injected into
 * each page checked, and a screenshot of every page checked under the test's output folder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
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

/**
 * The web app built from its sources as they are: the test runner builds the tools only, and a
 * build left from before would test yesterday's app (Vite takes a second or two).
 */
export function ensureWebBuilt(say: (line: string) => void): void {
  say('building the web app (npm run build -w apps/web)…');
  const built = spawnSync('npm', ['run', '-s', 'build', '-w', 'apps/web'], { cwd: repoRoot, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('the web app did not build');
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
