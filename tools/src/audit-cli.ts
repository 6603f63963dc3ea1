/**
 * The ownership audit of one deployment, printed as a table service by service; exits 1 on a breach.
 *
 *   npm run audit:isolation                     the deployment npm start made (prefix bazaar, .data)
 *   npm run audit:isolation -- --provision      provision and migrate it first, as npm start does
 *   npm run audit:isolation -- --prefix NAME --data-dir DIR     another copy (npm start --prefix …)
 *
 * See tools/src/audit.ts for what is checked.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { audit, formatReport } from './audit.js';
import { discoverServices, repoRoot } from './services.js';
import { infrastructureFromEnv, planBrokerUsers, planPostgres, prepareServices } from './system.js';

const { values } = parseArgs({
  options: {
    prefix: { type: 'string', default: 'bazaar' },
    'data-dir': { type: 'string' },
    provision: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log('usage: npm run audit:isolation [-- --provision] [--prefix NAME] [--data-dir DIR] [--json]');
  process.exit(0);
}

const services = discoverServices();
const infra = infrastructureFromEnv();
const dataRoot = path.resolve(values['data-dir'] ?? path.join(repoRoot, '.data'));
const broker = await planBrokerUsers(infra);
const say = (line: string) => console.log(`[audit] ${line}`);

if (values.provision) {
  say(`provisioning ${values.prefix}: databases, roles, Redis and broker users, migrations`);
  const plan = await planPostgres(services, infra, { dataRoot });
  if (plan.embedded.length) {
    console.error('No PostgreSQL answers at the admin URL: start it (see README) or set BAZAAR_PG_ADMIN_URL.');
    for (const instance of plan.embedded) await instance.stop();
    process.exit(1);
  }
  const { failed } = await prepareServices(services, plan, infra, { dataRoot, prefix: values.prefix, brokerUsers: broker.users, log: say });
  for (const { def, error } of failed) console.error(`[audit] ${def.name} could not be provisioned: ${error.message}`);
  if (failed.length) process.exit(1);
}

say(`auditing ${values.prefix} (${services.length} services): PostgreSQL ${new URL(infra.pgAdminUrl).host}, Redis ${new URL(infra.redisUrl).host}, RabbitMQ ${new URL(infra.amqpUrl).host}${broker.users ? '' : ` (${broker.note})`}`);
const findings = await audit({ services, infra, prefix: values.prefix, dataRoot, rabbitmq: broker.users });
if (values.json) console.log(JSON.stringify(findings, null, 2));
else console.log(`\n${formatReport(findings)}`);
process.exit(findings.some((f) => f.outcome === 'breach') ? 1 : 0);
