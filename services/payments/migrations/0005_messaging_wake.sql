-- Lets a writer whose own process relays its outbox skip the NOTIFY (see messaging.sql's trigger).
--
-- NOTIFY makes the committing transaction hold a database-wide lock until its commit is durable, so
-- transactions that write outbox rows commit one at a time (no group commit): with 16 concurrent
-- writers on a local PostgreSQL 15 about 300-500 commits/s against 1,400 without it. The kit's
-- Outbox, when a connected relay runs in the same process and the caller's transaction is one of
-- withTransaction, sets `bazaar.outbox_wake = 'in-process'` for its transaction in the INSERT itself
-- and wakes that relay after the commit; every other writer (a script, psql, a process without a
-- relay) still notifies. A service ships this as a migration after its copy of messaging.sql.
CREATE OR REPLACE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('bazaar.outbox_wake', true) IS DISTINCT FROM 'in-process' THEN
    PERFORM pg_notify('outbox', '');
  END IF;
  RETURN NULL;
END;
$$;
