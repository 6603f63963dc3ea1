import { v5, v7 } from 'uuid';

/**
 * A version 7 UUID (RFC 9562): Unix milliseconds first, so ids sort by creation time; ids made by one
 * process stay in order within a millisecond too (the `uuid` package keeps a monotonic counter).
 */
export const uuidv7 = (): string => v7();

/** The namespace of Bazaar's name-based ids: fixed, so one name always gives the same id. */
export const BAZAAR_NAMESPACE = '2f7d9c1e-5b8a-4e3f-9c6d-1a2b3c4d5e6f';

/**
 * A version 5 UUID (name-based, SHA-1): the same name gives the same id on every call and in every
 * process, e.g. a command id derived from the order it belongs to, so a resent command is recognised.
 */
export const uuidv5 = (name: string, namespace: string = BAZAAR_NAMESPACE): string => v5(name, namespace);
