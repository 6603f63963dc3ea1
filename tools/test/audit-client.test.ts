// The audit's connections outlive a server that stops under them: the isolation audit runs in the
// background of a running system, and Ctrl-C stops an embedded PostgreSQL while a run may be under
// way. A connection PostgreSQL drops must fail the run's next query, not crash the process with an
// unhandled 'error' event (which took the launcher down before its summary, in CI).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { auditClient } from '../src/audit-client.js';
import { infrastructureFromEnv } from '../src/system.js';

test('a connection the server drops fails the next query instead of crashing the process', { timeout: 30_000 }, async () => {
  const { pgAdminUrl } = infrastructureFromEnv();
  const client = auditClient({ connectionString: pgAdminUrl, application_name: 'bazaar-audit-test' });
  await client.connect();
  const { rows: [me] } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const admin = new pg.Client({ connectionString: pgAdminUrl });
  await admin.connect();
  try {
    // (Not events.once: it would take the 'error' event the client's own listener handles as a failure.)
    const ended = new Promise((resolve) => client.once('end', resolve));
    // As a server shutting down does: it ends the idle connection (57P01, "terminating connection due to administrator command").
    await admin.query('SELECT pg_terminate_backend($1)', [me!.pid]);
    await ended;
  } finally {
    await admin.end();
  }
  await assert.rejects(client.query('SELECT 1'), /terminated|not queryable|closed/i);
});
