import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Verifier, type VerifierOptions } from '@pact-foundation/pact';
import { readPactDir, type PactFile } from './pact-file.js';
import { pactDir, pactFileName, repoRoot, resultsDir } from './paths.js';

/** The outcome of verifying one pact against one version of its provider. */
export interface VerificationResult {
  consumer: string;
  provider: string;
  /** The digest of the pact verified (see `readPactFile`). */
  pactDigest: string;
  /** The digest of the provider's code verified (see `providerVersion`). */
  providerVersion: string;
  success: boolean;
  /** Why it failed; pact prints each mismatch to standard output as it verifies. */
  error?: string;
  verifiedAt: string;
}

type StateHandlers = NonNullable<VerifierOptions['stateHandlers']>;
type MessageProviders = NonNullable<VerifierOptions['messageProviders']>;

export interface VerifyPactsOptions {
  /** The provider's name under services/. */
  provider: string;
  /** Where the real provider is listening (HTTP pacts). */
  providerBaseUrl?: string;
  /** Set up the data each provider state names, in the provider's own database. */
  stateHandlers?: StateHandlers;
  /** For message pacts: description → the message the provider really builds. */
  messageProviders?: MessageProviders;
  /** Only the pacts of these consumers (default: every pact naming this provider). */
  consumers?: string[];
  /** Only pacts with (`http`) or without (`messages`) HTTP interactions. */
  kind?: 'http' | 'messages';
  /** The pacts to verify (default `pacts/`). */
  pactDir?: string;
  /** Where to record the outcome (default `.pact/results`); `false` records nothing. */
  resultsDir?: string | false;
  /** Extra Verifier options (request filters, timeouts). */
  verifier?: Partial<VerifierOptions>;
}

const isHttp = (pact: PactFile) => pact.interactions.some((i) => i.type === 'Synchronous/HTTP' || i.request !== undefined);

/** The pacts of record that name `provider`, optionally narrowed. */
export function pactsFor(provider: string, options: Pick<VerifyPactsOptions, 'consumers' | 'kind' | 'pactDir'> = {}): PactFile[] {
  return readPactDir(options.pactDir ?? pactDir()).filter((p) =>
    p.provider === provider &&
    (!options.consumers || options.consumers.includes(p.consumer)) &&
    (!options.kind || (options.kind === 'http') === isHttp(p)));
}

/**
 * Verifies, one pact at a time, every pact of record naming the provider against the running
 * provider (HTTP) or the messages it builds, and records each outcome for `can-i-deploy`.
 * Resolves with the outcomes; it does not throw on a failed verification (the caller asserts).
 */
export async function verifyPacts(options: VerifyPactsOptions): Promise<VerificationResult[]> {
  const pacts = pactsFor(options.provider, options);
  const version = providerVersion(options.provider);
  const results: VerificationResult[] = [];
  for (const pact of pacts) {
    let error: string | undefined;
    try {
      await new Verifier({
        provider: options.provider,
        pactUrls: [pact.file],
        ...(options.providerBaseUrl ? { providerBaseUrl: options.providerBaseUrl } : {}),
        ...(options.stateHandlers ? { stateHandlers: options.stateHandlers } : {}),
        ...(options.messageProviders ? { messageProviders: options.messageProviders } : {}),
        logLevel: (process.env.PACT_LOG_LEVEL as 'warn' | undefined) ?? 'warn',
        ...options.verifier,
      } as VerifierOptions).verifyProvider();
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const result: VerificationResult = {
      consumer: pact.consumer,
      provider: pact.provider,
      pactDigest: pact.digest,
      providerVersion: version,
      success: error === undefined,
      ...(error ? { error } : {}),
      verifiedAt: new Date().toISOString(),
    };
    results.push(result);
    const dir = options.resultsDir === undefined ? resultsDir() : options.resultsDir;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, pactFileName(pact.consumer, pact.provider)), `${JSON.stringify(result, null, 2)}\n`);
    }
  }
  return results;
}

/**
 * A version of the provider for the matrix: a digest of its code and of the shared packages it is
 * built from. A verification is valid for this version only; any edit asks for a new one.
 */
export function providerVersion(provider: string, root = repoRoot): string {
  const hash = createHash('sha256');
  const roots = [
    path.join(root, 'services', provider, 'src'),
    path.join(root, 'services', provider, 'migrations'),
    path.join(root, 'services', provider, 'package.json'),
    path.join(root, 'packages', 'platform', 'src'),
    path.join(root, 'packages', 'platform', 'sql'),
    path.join(root, 'packages', 'contracts', 'src'),
  ];
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    if (statSync(p).isDirectory()) {
      for (const entry of readdirSync(p).sort()) walk(path.join(p, entry));
      return;
    }
    hash.update(path.relative(root, p)).update('\0').update(readFileSync(p)).update('\0');
  };
  roots.forEach(walk);
  return hash.digest('hex').slice(0, 16);
}

/**
 * The provider states the pacts of record name (for `provider`, narrowed as `verifyPacts` narrows)
 * that have no handler: pact only warns of one, and the interaction is then verified against
 * whatever data happens to be there.
 */
export function unhandledStates(provider: string, stateHandlers: Record<string, unknown>, options: Pick<VerifyPactsOptions, 'consumers' | 'kind' | 'pactDir'> = {}): string[] {
  const named = pactsFor(provider, options).flatMap((p) => p.interactions.flatMap((i) => (i.providerStates ?? []).map((s) => s.name)));
  return [...new Set(named)].filter((name) => !(name in stateHandlers));
}
