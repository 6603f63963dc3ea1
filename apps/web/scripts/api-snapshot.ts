/**
 * The gateway's API as the web app is typed by it: the merged document the gateway serves at
 * `/docs/openapi.json`, built in-process the way `npm run lint:api` builds it (every service's app,
 * the gateway in front), and the TypeScript types openapi-typescript derives from it. Both are
 * committed under src/api so the app builds without a running system; `npm run api:generate -w
 * apps/web` rewrites them and tools/test/web-api-snapshot.test.ts fails when they are stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildApiDocuments } from '../../../tools/src/api-lint-documents.js';

export const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'api');
export const snapshotFiles = { document: path.join(apiDir, 'openapi.json'), types: path.join(apiDir, 'schema.d.ts') };

export interface ApiSnapshot { document: string; types: string }

/** The snapshot as the services' code describes it now. */
export async function renderApiSnapshot(): Promise<ApiSnapshot> {
  const merged = (await buildApiDocuments()).get('merged');
  if (!merged) throw new Error('the gateway served no merged document');
  const document = `${JSON.stringify(merged, null, 2)}\n`;
  const ast = await openapiTS(JSON.parse(document) as Parameters<typeof openapiTS>[0]);
  const header = '// Generated from src/api/openapi.json by `npm run api:generate -w apps/web`; do not edit.\n';
  return { document, types: header + astToString(ast) };
}

/** The committed snapshot. */
export function readApiSnapshot(): ApiSnapshot {
  return { document: readFileSync(snapshotFiles.document, 'utf8'), types: readFileSync(snapshotFiles.types, 'utf8') };
}

export function writeApiSnapshot(snapshot: ApiSnapshot): void {
  writeFileSync(snapshotFiles.document, snapshot.document);
  writeFileSync(snapshotFiles.types, snapshot.types);
}
