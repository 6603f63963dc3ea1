// `npm run api:generate -w apps/web`: rewrites src/api/openapi.json and src/api/schema.d.ts from the
// services' code (needs the local PostgreSQL, for identity's scratch database).
import { renderApiSnapshot, snapshotFiles, writeApiSnapshot } from './api-snapshot.js';

writeApiSnapshot(await renderApiSnapshot());
console.log(`wrote ${snapshotFiles.document} and ${snapshotFiles.types}`);
process.exit(0);
