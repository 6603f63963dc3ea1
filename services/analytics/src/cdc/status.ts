/** What the reader needs of a logger (pino's satisfies it). */
export interface CdcLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  debug(fields: object, message: string): void;
}

export type CdcState = 'starting' | 'copying' | 'streaming' | 'reconnecting' | 'stopped';

/** A type, not an interface: it is a `Record<string, unknown>` where the status route wants one. */
export type CdcSourceStatus = {
  source: string;
  slot: string;
  state: CdcState;
  /** Why the last connection or apply failed; kept until the source streams again. */
  lastError?: string;
  /** The end of the last applied transaction's commit (or the slot's start after a copy). */
  lastAppliedLsn?: string;
  lastCommitTime?: string;
  /** See `lagSeconds()`. */
  lagSeconds: number;
  /** Row changes (and truncated tables) applied by this process. */
  changesApplied: number;
  /** Full copies made by this process (a new or lost slot). */
  copies: number;
}
