import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PactV4, SpecificationVersion } from '@pact-foundation/pact';
import { generatedDir, pactFileName } from './paths.js';

export interface ConsumerPactOptions {
  /** The service that relies on the contract, by its name under services/ (`gateway`, `orders` …). */
  consumer: string;
  /** The service it relies on. */
  provider: string;
}

/**
 * A pact for one consumer–provider pair, written by this run of the consumer's tests to
 * `.pact/generated/<consumer>-<provider>.json`. The file is removed first, so it holds exactly the
 * interactions this run recorded (pact merges into an existing file). One test file per pair: two
 * files recording the same pair would remove each other's interactions.
 *
 * The recorded pact becomes the contract of record once copied to `pacts/` (`npm run pact -- accept`);
 * `npm run pact -- can-i-deploy` fails while the two differ.
 */
export function consumerPact(options: ConsumerPactOptions): PactV4 {
  const dir = generatedDir();
  mkdirSync(dir, { recursive: true });
  rmSync(path.join(dir, pactFileName(options.consumer, options.provider)), { force: true });
  return new PactV4({
    consumer: options.consumer,
    provider: options.provider,
    dir,
    spec: SpecificationVersion.SPECIFICATION_VERSION_V4,
    logLevel: (process.env.PACT_LOG_LEVEL as 'warn' | undefined) ?? 'warn',
  });
}
