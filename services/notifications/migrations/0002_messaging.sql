-- Reliable messaging tables: the transactional outbox and the idempotent inbox.
--
-- Each service owns its schema, so there is no shared migration: a service that sends or receives
-- messages copies this file, unchanged, into its own numbered migration
-- (services/<name>/migrations/000N_messaging.sql). A later change to this file is shipped the same
-- way, as a new migration in every service that copied it.

-- Messages written in the same transaction as the change they announce, relayed to RabbitMQ by the
-- service's relay (publisher confirms), then marked sent and deleted after the retention period.
CREATE TABLE outbox (
  id uuid PRIMARY KEY,                      -- the message id (uuid v7), also in the envelope
  type text NOT NULL,
  version integer NOT NULL,
  exchange text NOT NULL,                   -- bazaar.events or bazaar.commands
  routing_key text NOT NULL,                -- the message type
  message_key text,                         -- what the message is about, for ordering (optional)
  envelope jsonb NOT NULL,                  -- exactly what is published
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,                      -- null until the broker confirmed it
  attempts integer NOT NULL DEFAULT 0,      -- publish attempts
  last_error text,                          -- why the last attempt failed
  next_attempt_at timestamptz NOT NULL DEFAULT now() -- a failed publish waits (backoff) until then
);

-- What the relay scans: small, because sent rows leave it.
CREATE INDEX outbox_unsent ON outbox (created_at, id) WHERE sent_at IS NULL;
-- What the clean-up deletes.
CREATE INDEX outbox_sent ON outbox (sent_at) WHERE sent_at IS NOT NULL;

-- Wakes the relay as soon as a transaction that wrote messages commits (NOTIFY is delivered on
-- commit only, once per transaction); the relay also polls, so a lost notification only delays.
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('outbox', '');
  RETURN NULL;
END;
$$;

CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

-- One row per message a handler has applied, written in the transaction of the handler's effect:
-- a redelivered or duplicated message finds its row and is acknowledged without a second effect.
CREATE TABLE inbox (
  message_id uuid NOT NULL,
  handler text NOT NULL,                    -- the message type it was handled as
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (message_id, handler)
);

-- The clean-up of old inbox rows (kept far longer than any redelivery can take).
CREATE INDEX inbox_processed_at ON inbox (processed_at);
