import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from './services.js';

/**
 * `npm run build` (`tsc -b tsconfig.build.json`, incremental: a moment when nothing changed, then the
 * services' bundles, each made again only when what it is made from changed), for the
 * test and bench runners: the systems they start run the services compiled, so dist/ must match src/.
 * Type errors do not stop them: tsc still writes the JavaScript, as tsx would run it, and
 * `npm run lint` is where type errors fail. Anything else (a broken tsconfig) ends the run.
 */
export function buildForRun(say: (line: string) => void): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-b', 'tsconfig.build.json'], { cwd: repoRoot, stdio: 'inherit' });
  // tsc's exit status 2: diagnostics reported, outputs written anyway.
  if (result.status !== 0 && result.status !== 2) {
    console.error(`npm run build failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
  // The services run bundled (tools/bundle.mjs; each bundle is made again only when its inputs changed).
  const bundled = spawnSync(process.execPath, [path.join(repoRoot, 'tools', 'bundle.mjs')], { cwd: repoRoot, stdio: 'inherit' });
  if (bundled.status !== 0) {
    console.error(`bundling the services failed (exit ${bundled.status ?? bundled.signal}): see the errors above`);
    process.exit(1);
  }
  if (result.status === 2) say('npm run build reported type errors (above); running what it compiled. npm run lint fails until they are fixed.');
}
