import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { timed, type ServiceRuntime } from './process.js';
import type { PreparedService } from './system.js';

type Seeder = { seed?: (env: Record<string, string>, log: (line: string) => void) => Promise<void> };

/**
 * Loads demo data: a service that has `seed/demo.ts` exporting `seed(env, log)` is asked to fill its
 * own database (it decides whether it is empty). The seeder gets only that service's environment.
 * Compiled, it is `dist/seed/seed/demo.js` (the service's tsconfig.seed.json); from sources, the
 * TypeScript itself, which needs this process to run through tsx.
 */
export async function runSeeders(prepared: PreparedService[], log: (line: string) => void, runtime: ServiceRuntime = 'dist'): Promise<void> {
  for (const service of prepared) {
    if (!existsSync(path.join(service.def.dir, 'seed', 'demo.ts'))) continue;
    const file = runtime === 'source' ? path.join(service.def.dir, 'seed', 'demo.ts') : path.join(service.def.dir, 'dist', 'seed', 'seed', 'demo.js');
    try {
      if (!existsSync(file)) throw new Error(`${path.relative(service.def.dir, file)} is missing: run npm run build`);
      const module = (await import(pathToFileURL(file).href)) as Seeder;
      if (!module.seed) continue;
      await timed(`seed ${service.def.name}`, () => module.seed!(service.env, (line) => log(`${service.def.name}: ${line}`)));
    } catch (error) {
      log(`${service.def.name}: demo data not loaded: ${(error as Error).message}`);
    }
  }
}
