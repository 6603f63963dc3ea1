import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readPactDir, type PactFile } from './pact-file.js';
import { generatedDir, pactDir, pactFileName, resultsDir } from './paths.js';
import { providerVersion, type VerificationResult } from './provider.js';

/**
 * Where one pact of record stands:
 * - `verified`: its provider, at the current code, verified exactly this pact;
 * - `failed`: it did, and the pact failed;
 * - `unverified`: no verification of this pact (new or changed since) at all;
 * - `stale`: verified, but the provider's code changed since: verify again;
 * - `drift`: the consumer's tests now record a different pact than the one of record: the
 *   provider has not seen what the consumer now relies on (accept it, then verify);
 * - `unrecorded`: the consumer's tests record a pact that is not of record yet.
 */
export type PactStatus = 'verified' | 'failed' | 'unverified' | 'stale' | 'drift' | 'unrecorded';

export interface MatrixRow {
  consumer: string;
  provider: string;
  interactions: number;
  status: PactStatus;
  detail: string;
}

export interface MatrixOptions {
  pactDir?: string;
  generatedDir?: string;
  resultsDir?: string;
  /** The provider's current version; by default the digest of its code in this checkout. */
  versionOf?: (provider: string) => string;
  root?: string;
}

function readResult(dir: string, consumer: string, provider: string): VerificationResult | undefined {
  const file = path.join(dir, pactFileName(consumer, provider));
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as VerificationResult) : undefined;
}

/** The can-i-deploy matrix: every pact of record (and every new recorded one) with where it stands. */
export function buildMatrix(options: MatrixOptions = {}): MatrixRow[] {
  const ofRecord = readPactDir(options.pactDir ?? pactDir());
  const recorded = new Map(readPactDir(options.generatedDir ?? generatedDir()).map((p) => [pactFileName(p.consumer, p.provider), p]));
  const results = options.resultsDir ?? resultsDir();
  const versions = new Map<string, string>();
  const versionOf = (provider: string) => {
    if (!versions.has(provider)) versions.set(provider, (options.versionOf ?? ((p) => providerVersion(p, options.root)))(provider));
    return versions.get(provider)!;
  };
  const rows: MatrixRow[] = ofRecord.map((pact) => rowFor(pact, recorded.get(pactFileName(pact.consumer, pact.provider)), readResult(results, pact.consumer, pact.provider), versionOf(pact.provider)));
  const known = new Set(ofRecord.map((p) => pactFileName(p.consumer, p.provider)));
  for (const [name, pact] of recorded) {
    if (known.has(name)) continue;
    rows.push({
      consumer: pact.consumer,
      provider: pact.provider,
      interactions: pact.interactions.length,
      status: 'unrecorded',
      detail: `${pact.consumer}'s tests record a pact with ${pact.provider} that is not in pacts/: accept it (npm run pact -- accept ${pact.consumer}) and verify ${pact.provider}`,
    });
  }
  return rows.sort((a, b) => a.provider.localeCompare(b.provider) || a.consumer.localeCompare(b.consumer));
}

function rowFor(pact: PactFile, recorded: PactFile | undefined, result: VerificationResult | undefined, version: string): MatrixRow {
  const base = { consumer: pact.consumer, provider: pact.provider, interactions: pact.interactions.length };
  if (recorded && recorded.digest !== pact.digest) {
    return { ...base, status: 'drift', detail: `${pact.consumer}'s tests now record a different pact (${recorded.interactions.length} interactions): accept it (npm run pact -- accept ${pact.consumer}) so ${pact.provider} verifies what ${pact.consumer} now relies on` };
  }
  if (!result || result.pactDigest !== pact.digest) {
    return { ...base, status: 'unverified', detail: `${pact.provider} has not verified this pact: run its verification (npm run pact -- can-i-deploy ${pact.provider} --verify)` };
  }
  if (result.providerVersion !== version) {
    return { ...base, status: 'stale', detail: `verified ${result.verifiedAt} against other ${pact.provider} code (${result.providerVersion}, now ${version}): verify again (--verify)` };
  }
  if (!result.success) {
    return { ...base, status: 'failed', detail: `${pact.provider} at ${version} fails ${pact.consumer}'s pact: ${result.error ?? 'verification failed'} (the mismatches are in the verification's output)` };
  }
  return { ...base, status: 'verified', detail: `${pact.provider} at ${version} verified ${result.verifiedAt}` };
}

export interface DeployVerdict {
  service: string;
  ok: boolean;
  /** Pacts the service provides that are not verified: the consumers it would break (or cannot vouch for). */
  asProvider: MatrixRow[];
  /** Pacts the service relies on that its providers have not verified. */
  asConsumer: MatrixRow[];
}

/** Can `service`, as it is in this checkout, be deployed without breaking a consumer or relying on an unverified provider? */
export function canIDeploy(service: string, matrix: MatrixRow[]): DeployVerdict {
  const open = (r: MatrixRow) => r.status !== 'verified';
  const asProvider = matrix.filter((r) => r.provider === service && open(r));
  const asConsumer = matrix.filter((r) => r.consumer === service && open(r));
  return { service, ok: asProvider.length === 0 && asConsumer.length === 0, asProvider, asConsumer };
}

