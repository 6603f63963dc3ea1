import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root (this file is packages/contract-testing/src/paths.ts). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The pacts of record, kept in the repository: what each provider is verified against. */
export const pactDir = () => process.env.PACT_DIR ?? path.join(repoRoot, 'pacts');

/** Where consumer tests write the pacts they record in this run (compared with the ones of record). */
export const generatedDir = () => process.env.PACT_GENERATED_DIR ?? path.join(repoRoot, '.pact', 'generated');

/** Where provider verifications record their outcome, one file per pact (the can-i-deploy matrix). */
export const resultsDir = () => process.env.PACT_RESULTS_DIR ?? path.join(repoRoot, '.pact', 'results');

/** `<consumer>-<provider>.json`, the name pact gives a pact file. */
export const pactFileName = (consumer: string, provider: string) => `${consumer}-${provider}.json`;
