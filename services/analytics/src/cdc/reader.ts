import type { CdcSource } from '../config.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { SourceReader } from './source.js';
import type { CdcLogger, CdcSourceStatus } from './status.js';

export type { CdcLogger, CdcSourceStatus, CdcState } from './status.js';

export interface CdcOptions {
  sources: CdcSource[];
  warehouse: Warehouse;
  logger: CdcLogger;
  /** Told each time a source changes state (starting, copying, streaming, reconnecting, stopped). */
  onStatus?: (status: CdcSourceStatus) => void;
}

export interface CdcHandle {
  /** Each source's state, position, lag and count of changes applied, in the order given. */
  status(): CdcSourceStatus[];
  /** Stops every stream; what was received and not applied comes again at the next start. */
  stop(): Promise<void>;
}

/**
 * Reads every source by logical replication into its mirror tables, `cdc_<source>.<table>`, each
 * source on its own (one unavailable source holds back no other). Returns at once: the first copy
 * and every reconnection happen in the background, as `status()` and the log tell.
 */
export function startCdc(options: CdcOptions): CdcHandle {
  const readers = options.sources.map((source) => new SourceReader(source, options.warehouse, options.logger, options.onStatus));
  for (const reader of readers) reader.start();
  return {
    status: () => readers.map((r) => r.status()),
    stop: async () => {
      await Promise.all(readers.map((r) => r.stop()));
    },
  };
}
