import path from 'node:path';
import { parseArgs } from 'node:util';
import { migrate, MigrationError } from './migrate.js';
import { redactUrl } from './url.js';

const USAGE = `usage: bazaar-migrate [migrations-dir] [--url-env NAME]
  Applies the migrations in migrations-dir (default: ./migrations) to the database whose postgres://
  URL is in the environment variable NAME (default: DATABASE_URL). Exits 0 once the database has
  every migration, 1 when one failed (rolled back, named), 2 on wrong usage.`;

/** Where the command writes: stdout and stderr, or a test's arrays. */
export interface CliOutput {
  log: (line: string) => void;
  error: (line: string) => void;
}

/**
 * The migration command a rollout runs before the new pods (Kubernetes: a Job from the service's own
 * image, see deploy/k8s/base/migrations): the same `migrate` as a service's start, as a process whose exit
 * code says whether the release may go on. Returns that exit code.
 */
export async function runMigrateCli(argv: string[], env: NodeJS.ProcessEnv, out: CliOutput): Promise<number> {
  let values: { 'url-env'?: string | undefined; help?: boolean | undefined };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv, allowPositionals: true,
      options: { 'url-env': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    out.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    out.log(USAGE);
    return 0;
  }
  if (positionals.length > 1) {
    out.error(`one migrations folder at most, got ${positionals.length}\n${USAGE}`);
    return 2;
  }
  const variable = values['url-env'] ?? 'DATABASE_URL';
  const url = env[variable];
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    out.error(`${variable} must hold the database's postgres:// URL${url ? ` (got ${redactUrl(url)})` : ' but is not set'}\n${USAGE}`);
    return 2;
  }
  const dir = path.resolve(positionals[0] ?? 'migrations');
  const target = redactUrl(url);
  try {
    const result = await migrate(url, dir, (line) => out.log(line));
    const version = result.ahead.at(-1)?.version ?? result.applied.at(-1)?.version ?? result.alreadyApplied;
    out.log(`${target}: ${result.applied.length} migration(s) applied, ${result.alreadyApplied} already; schema at version ${version}`);
    return 0;
  } catch (error) {
    // A failed migration names its file and the database's reason; anything else (no connection,
    // refused credentials) is said as the driver says it.
    const reason = error instanceof MigrationError ? error.message : `could not migrate: ${(error as Error).message}`;
    out.error(`${target}: ${reason}`);
    return 1;
  }
}
