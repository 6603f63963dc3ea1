/**
 * The migration command as a process: `node <kit>/dist/db/migrate-main.js [dir] [--url-env NAME]`.
 * Kept apart from migrate-cli.ts so that importing the kit never runs it.
 */
import { runMigrateCli } from './migrate-cli.js';

process.exitCode = await runMigrateCli(process.argv.slice(2), process.env, {
  log: (line) => console.log(line),
  error: (line) => console.error(line),
});
