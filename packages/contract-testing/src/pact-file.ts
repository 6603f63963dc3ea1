import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** What we read of a pact file. */
export interface PactFile {
  file: string;
  consumer: string;
  provider: string;
  interactions: PactInteraction[];
  /** A digest of what the pact asks (parties and interactions; not pact's own metadata). */
  digest: string;
}

export interface PactInteraction {
  type?: string;
  description: string;
  providerStates?: { name: string; params?: Record<string, unknown> }[];
  request?: { method?: string; path?: string };
  [key: string]: unknown;
}

/** JSON with object keys sorted, so equal content gives equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const interactionKey = (i: PactInteraction) => canonicalJson([i.description, i.providerStates ?? []]);

export function readPactFile(file: string): PactFile {
  const json = JSON.parse(readFileSync(file, 'utf8')) as { consumer: { name: string }; provider: { name: string }; interactions?: PactInteraction[] };
  // Interactions in a stable order: pact merges files in the order tests ran.
  const interactions = [...(json.interactions ?? [])].sort((a, b) => (interactionKey(a) < interactionKey(b) ? -1 : 1));
  const digest = createHash('sha256')
    .update(canonicalJson({ consumer: json.consumer.name, provider: json.provider.name, interactions }))
    .digest('hex');
  return { file, consumer: json.consumer.name, provider: json.provider.name, interactions, digest };
}

/** Every pact file in `dir` (none when it does not exist). */
export function readPactDir(dir: string): PactFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => readPactFile(path.join(dir, f)));
}

/** One line naming an interaction, for reports: `GET /products/p-1 (given a product exists)`. */
export function describeInteraction(i: PactInteraction): string {
  const states = (i.providerStates ?? []).map((s) => s.name).join(', ');
  const what = i.request?.method ? `${i.request.method} ${i.request.path ?? ''}: ${i.description}` : `message: ${i.description}`;
  return states ? `${what} (given ${states})` : what;
}
