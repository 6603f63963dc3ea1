import type { PactFile, PactInteraction } from './pact-file.js';

/** One message a consumer's pact asks its provider for: the envelope's type at one version. */
export interface MessageAsk {
  consumer: string;
  provider: string;
  type: string;
  version: number;
  /** The interaction that asks it, as the pact names it. */
  description: string;
}

/** The envelope a message interaction expects, when it expects one (`contents.content`). */
function envelopeOf(interaction: PactInteraction): { type: string; version: number } | undefined {
  const content = (interaction.contents as { content?: unknown } | undefined)?.content;
  if (!content || typeof content !== 'object') return undefined;
  const { type, version } = content as { type?: unknown; version?: unknown };
  if (typeof type !== 'string') return undefined;
  // The kit's envelope always carries a version; a pact recorded without one meant the first.
  return { type, version: typeof version === 'number' && Number.isInteger(version) ? version : 1 };
}

/** Every message the pacts ask for, one entry per interaction, in the pacts' order. */
export function messagesAsked(pacts: PactFile[]): MessageAsk[] {
  return pacts.flatMap((pact) =>
    pact.interactions.flatMap((interaction) => {
      const envelope = envelopeOf(interaction);
      return envelope ? [{ consumer: pact.consumer, provider: pact.provider, ...envelope, description: interaction.description }] : [];
    }));
}

/**
 * The versions of each message type the pacts ask `provider` for, ascending: what the provider must
 * write, one message per version, for every consumer to receive the shape it reads. A type that no
 * pact names is absent (the provider writes its latest version).
 */
export function versionsAsked(provider: string, pacts: PactFile[]): Record<string, number[]> {
  const asked: Record<string, Set<number>> = {};
  for (const ask of messagesAsked(pacts)) {
    if (ask.provider === provider) (asked[ask.type] ??= new Set()).add(ask.version);
  }
  return Object.fromEntries(Object.entries(asked).sort(([a], [b]) => a.localeCompare(b)).map(([type, versions]) => [type, [...versions].sort((a, b) => a - b)]));
}

export interface RetireVerdict {
  type: string;
  version: number;
  /** True when no pact asks for this version: its producer may stop writing it and the contracts drop it. */
  ok: boolean;
  /** The interactions that still ask for it, naming their consumers. */
  askedBy: MessageAsk[];
  /** Other versions of the type the pacts ask for: where the consumers have moved (or must). */
  otherVersions: number[];
}

/** Can version `version` of message type `type` go? Only when no pact asks for it. */
export function canRetire(type: string, version: number, pacts: PactFile[]): RetireVerdict {
  const ofType = messagesAsked(pacts).filter((ask) => ask.type === type);
  const askedBy = ofType.filter((ask) => ask.version === version);
  const otherVersions = [...new Set(ofType.map((ask) => ask.version).filter((v) => v !== version))].sort((a, b) => a - b);
  return { type, version, ok: askedBy.length === 0, askedBy, otherVersions };
}

/** `product.updated@1` → `{ type: 'product.updated', version: 1 }`; undefined when malformed. */
export function parseTypeAtVersion(text: string): { type: string; version: number } | undefined {
  const match = /^([a-z][a-z0-9_-]*(?:\.[a-z][a-z0-9_-]*)+)@v?([1-9][0-9]*)$/.exec(text);
  return match ? { type: match[1]!, version: Number(match[2]) } : undefined;
}
