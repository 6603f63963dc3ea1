import type { TSchema } from 'typebox';

/** The payload schema of each version of one message type: `{ 1: SchemaV1, 2: SchemaV2 }`. */
export type MessageVersions = { readonly [version: number]: TSchema };

/**
 * Message types (events or commands) with the payload schema of every version still in use.
 * A version is never changed once published: a breaking change is a new version, and the old one
 * stays until no producer sends it. Adding an optional field is not breaking, so payload objects
 * accept properties they do not name (consumers read what they know).
 */
export type MessageRegistry = { readonly [type: string]: MessageVersions };
