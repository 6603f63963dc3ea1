/** `npm run provision`: creates every service's database, role and Redis user (idempotent). */
import { discoverServices } from './services.js';
import { CredentialStore } from './credentials.js';
import { provisionDatabase, provisionRedisUser } from './provision.js';
import { infrastructureFromEnv } from './system.js';

const infra = infrastructureFromEnv();
const credentials = new CredentialStore();
for (const service of discoverServices()) {
  if (service.database) {
    const p = await provisionDatabase(infra.pgAdminUrl, service.name, credentials.get(`bazaar-${service.name}-db`));
    console.log(`${service.name}: database ${p.database}, role ${p.role}`);
  }
  if (service.redisPrefix) {
    const r = await provisionRedisUser(infra.redisUrl, { name: service.name, redisPrefix: service.redisPrefix }, credentials.get(`bazaar-${service.name}-redis`));
    console.log(`${service.name}: redis user ${r.user}, keys ${r.prefix}:*`);
  }
}
