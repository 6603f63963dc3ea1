import type { Static, TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { EnvelopeSchema, type Envelope } from './envelope.js';

/**
 * Message types with the payload schema of each version, as `@bazaar/contracts` exports them
 * (`events`, `commands`). Structural, so the platform needs no import of the contracts package.
 */
export type MessageRegistry = { readonly [type: string]: { readonly [version: number]: TSchema } };

export type MessageType<R> = Extract<keyof R, string>;
export type MessageVersion<R, T extends keyof R> = Extract<keyof R[T], number>;
export type MessagePayload<R, T extends keyof R, V extends keyof R[T] = keyof R[T]> = {
  [K in V]: R[T][K] extends TSchema ? Static<R[T][K]> : never;
}[V];
/** The envelope of type `T`, as a union over its versions, so a handler can switch on `version`. */
export type EnvelopeOf<R, T extends MessageType<R>> = {
  [V in MessageVersion<R, T>]: Envelope<T, V, MessagePayload<R, T, V>>;
}[MessageVersion<R, T>];

/** The events and commands a service may send or receive. */
export interface MessageContracts<E extends MessageRegistry = MessageRegistry, C extends MessageRegistry = MessageRegistry> {
  events: E;
  commands: C;
}

export type MessageKind = 'events' | 'commands';

/** A message that does not match its contract: `errors` names each offending field. */
export class MessageValidationError extends Error {
  constructor(message: string, readonly errors: string[]) {
    super(`${message}: ${errors.join('; ')}`);
    this.name = 'MessageValidationError';
  }
}

type Checker = ReturnType<typeof Compile>;

const describeErrors = (checker: Checker, value: unknown): string[] =>
  [...checker.Errors(value)]
    .filter((e) => e.keyword !== 'boolean') // TypeBox repeats additionalProperties failures per field
    .slice(0, 10)
    .map((e) => `${e.instancePath || '/'} ${e.message}`);

/** Checks envelopes and payloads against the contracts; schemas are compiled once, on first use. */
export class ContractValidator {
  private readonly envelope = Compile(EnvelopeSchema);
  private readonly payloads = new Map<string, Checker>();

  constructor(private readonly contracts: MessageContracts) {
    const both = Object.keys(contracts.events).filter((type) => type in contracts.commands);
    if (both.length) throw new Error(`message types must be either events or commands, not both: ${both.join(', ')}`);
  }

  kindOf(type: string): MessageKind | undefined {
    if (Object.hasOwn(this.contracts.events, type)) return 'events';
    if (Object.hasOwn(this.contracts.commands, type)) return 'commands';
    return undefined;
  }

  versions(type: string): number[] {
    const kind = this.kindOf(type);
    return kind ? Object.keys(this.contracts[kind][type]!).map(Number).sort((a, b) => a - b) : [];
  }

  latestVersion(type: string): number | undefined {
    return this.versions(type).at(-1);
  }

  /** Throws {@link MessageValidationError} unless `payload` matches version `version` of `type`. */
  assertPayload(type: string, version: number, payload: unknown): void {
    const checker = this.payloadChecker(type, version);
    if (!checker.Check(payload)) throw new MessageValidationError(`payload of ${type} v${version} does not match its contract`, describeErrors(checker, payload).map((e) => `payload${e}`));
  }

  /** Parses and checks a received message body: envelope shape, a known type and version, payload. */
  parse(body: Buffer | string): Envelope {
    let value: unknown;
    try {
      value = JSON.parse(body.toString());
    } catch (error) {
      throw new MessageValidationError('message body is not JSON', [(error as Error).message]);
    }
    if (!this.envelope.Check(value)) throw new MessageValidationError('message envelope is malformed', describeErrors(this.envelope, value));
    const envelope = value as Envelope;
    this.assertPayload(envelope.type, envelope.version, envelope.payload);
    return envelope;
  }

  private payloadChecker(type: string, version: number): Checker {
    const key = `${type}@${version}`;
    let checker = this.payloads.get(key);
    if (!checker) {
      const kind = this.kindOf(type);
      if (!kind) throw new MessageValidationError(`unknown message type ${type}`, [`/type ${type} is in no contract`]);
      const schema = this.contracts[kind][type]![version];
      if (!schema) throw new MessageValidationError(`unknown version of ${type}`, [`/version ${version} is not one of ${this.versions(type).join(', ')}`]);
      checker = Compile(schema);
      this.payloads.set(key, checker);
    }
    return checker;
  }
}
