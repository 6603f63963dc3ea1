import pg from 'pg';

/**
 * A connection of the audit's. The audit runs in the background of a running system, so the server
 * may stop under it (Ctrl-C stops an embedded PostgreSQL while a run is under way): the dropped
 * connection then fails the run's query, which the runner reports, instead of an unhandled 'error'
 * event taking the whole launcher down.
 */
export function auditClient(config: pg.ClientConfig): pg.Client {
  const client = new pg.Client(config);
  client.on('error', () => undefined);
  return client;
}
