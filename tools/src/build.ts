import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { repoRoot } from './services.js';

/**
 * `npm run build` (`tsc -b tsconfig.build.json`, incremental: a moment when nothing changed), for the
 * test and bench runners: the systems they start run the services compiled, so dist/ must match src/.
 * Type errors do not stop them: tsc still writes the JavaScript, as tsx would run it, and
 * `npm run lint` is where type errors fail. Anything else (a broken tsconfig) ends the run.
 */
export function buildForRun(say: (line: string) => void): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-b', 'tsconfig.build.json'], { cwd: repoRoot, stdio: 'inherit' });
  // tsc's exit status 2: diagnostics reported, outputs written anyway.
  if (result.status === 2) {
    say('npm run build reported type errors (above); running what it compiled. npm run lint fails until they are fixed.');
    return;
  }
  if (result.status !== 0) {
    console.error(`npm run build failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}
