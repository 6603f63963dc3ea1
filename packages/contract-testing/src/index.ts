// Pact reports anonymous usage over the network unless told not to; our runs are offline and private.
process.env.PACT_DO_NOT_TRACK ??= 'true';

export { consumerPact, type ConsumerPactOptions } from './consumer.js';
export { pactsFor, providerVersion, unhandledStates, verifyPacts, type VerificationResult, type VerifyPactsOptions } from './provider.js';
export { canonicalJson, describeInteraction, readPactDir, readPactFile, type PactFile, type PactInteraction } from './pact-file.js';
export { generatedDir, pactDir, pactFileName, repoRoot, resultsDir } from './paths.js';
export { MatchersV3 } from '@pact-foundation/pact';
export { buildMatrix, canIDeploy, type DeployVerdict, type MatrixOptions, type MatrixRow, type PactStatus } from './matrix.js';
export { messageEnvelope, oneOf, replaceBearerToken, text, timestamp, traceparent, uuid, type EnvelopeExample } from './matchers.js';
export { canRetire, messagesAsked, parseTypeAtVersion, versionsAsked, type MessageAsk, type RetireVerdict } from './versions.js';
