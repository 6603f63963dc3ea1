/**
 * `npm run migrate -- <service>` or `npm run migrate -- --all`: provisions (idempotently) and
 * migrates one or every service's own database, as that service's own role.
 */
import { parseArgs } from 'node:util';
import { discoverServices } from './services.js';
import { infrastructureFromEnv, planPostgres, prepareServices } from './system.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { all: { type: 'boolean', default: false } } });
const all = discoverServices().filter((s) => s.database);
const chosen = values.all ? all : all.filter((s) => positionals.includes(s.name));
const unknown = positionals.filter((p) => !all.some((s) => s.name === p));
if (unknown.length || chosen.length === 0) {
  console.error(`usage: npm run migrate -- <service>… | --all\n  services with a database: ${all.map((s) => s.name).join(', ') || '(none yet)'}${unknown.length ? `\n  unknown: ${unknown.join(', ')}` : ''}`);
  process.exit(2);
}
const infra = infrastructureFromEnv();
const plan = await planPostgres(chosen, infra, { log: console.log });
const { failed } = await prepareServices(chosen, plan, infra, { log: (line) => console.log(line) });
for (const { def, error } of failed) console.error(`${def.name}: ${error.message}`);
for (const instance of plan.embedded) await instance.stop();
process.exit(failed.length ? 1 : 0);
