import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PreparedService } from './system.js';

/**
 * Loads demo data: a service that has `seed/demo.ts` exporting `seed(env, log)` is asked to fill its
 * own database (it decides whether it is empty). The seeder gets only that service's environment.
 */
export async function runSeeders(prepared: PreparedService[], log: (line: string) => void): Promise<void> {
  for (const service of prepared) {
    const file = path.join(service.def.dir, 'seed', 'demo.ts');
    if (!existsSync(file)) continue;
    const module = (await import(pathToFileURL(file).href)) as { seed?: (env: Record<string, string>, log: (line: string) => void) => Promise<void> };
    if (!module.seed) continue;
    try {
      await module.seed(service.env, (line) => log(`${service.def.name}: ${line}`));
    } catch (error) {
      log(`${service.def.name}: demo data not loaded: ${(error as Error).message}`);
    }
  }
}
