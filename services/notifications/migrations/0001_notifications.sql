-- notifications' own tables: the copies it keeps of other services' data (named as snapshots, never
-- read from their owners) and the history of every message, which is also the record of what must
-- still be sent: Redis holds the queue but keeps nothing on disk.

-- A user's contact details and the channels they allow, from identity's user.registered and
-- user.updated. `version` is identity's version of the user after the change: an event carrying an
-- older one than the copy's is ignored. `changed_at` orders events that carry no version.
CREATE TABLE contact_copies (
  user_id_ref uuid PRIMARY KEY,
  email text NOT NULL,
  first_name text NOT NULL,
  last_name text NOT NULL,
  phone text,
  email_enabled boolean NOT NULL DEFAULT true,
  sms_enabled boolean NOT NULL DEFAULT false,
  push_enabled boolean NOT NULL DEFAULT false,
  version integer,
  changed_at timestamptz NOT NULL,
  copied_at timestamptz NOT NULL DEFAULT now()
);

-- What an order is, from order.placed: later order and shipment events name only the order (the
-- shipment events not even its user), so this is how they are addressed and what a receipt lists.
CREATE TABLE order_copies (
  order_id_ref uuid PRIMARY KEY,
  user_id_ref uuid NOT NULL,
  order_number text NOT NULL,
  total_minor bigint NOT NULL,
  currency char(3) NOT NULL,
  items jsonb NOT NULL,                       -- [{ sku, quantity, unitPriceMinor }] as placed
  placed_at timestamptz NOT NULL,
  copied_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE notifications (
  id uuid PRIMARY KEY,                        -- uuid v7; also the email's Message-ID
  user_id_ref uuid NOT NULL,
  order_id_ref uuid,
  channel text NOT NULL CHECK (channel IN ('email', 'sms', 'push')),
  kind text NOT NULL,                         -- the template: welcome, receipt, order_cancelled …
  event_id uuid NOT NULL,                     -- the message that asked for it
  event_type text NOT NULL,
  -- BullMQ's job id, derived from the event and the channel: a redelivered event, or the re-queuer
  -- adding a job Redis lost, can never make a second message.
  job_id text NOT NULL UNIQUE,
  recipient text,                             -- email address, phone or user id (push); null when skipped for want of one
  subject text,
  body text NOT NULL,
  status text NOT NULL CHECK (status IN ('queued', 'sending', 'delivered', 'failed', 'skipped')),
  attempts integer NOT NULL DEFAULT 0,        -- sends tried
  last_error text,
  provider_id text,                           -- the SMTP server's message id, or a simulator's
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  enqueued_at timestamptz,                    -- last time a job was added for it (null: not yet)
  sent_at timestamptz
);

-- A user's messages, newest first (GET /notifications).
CREATE INDEX notifications_by_user ON notifications (user_id_ref, created_at DESC, id DESC);
-- What the dispatcher and the re-queuer scan: only the messages still to send.
CREATE INDEX notifications_pending ON notifications (updated_at) WHERE status IN ('queued', 'sending');
-- The admins' list of failed messages.
CREATE INDEX notifications_failed ON notifications (updated_at DESC, id DESC) WHERE status = 'failed';

-- Wakes the dispatcher as soon as a transaction that wrote messages commits (NOTIFY is delivered on
-- commit only, once per transaction); the dispatcher also polls, so a lost notification only delays.
CREATE FUNCTION notifications_queued_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('notifications_queued', '');
  RETURN NULL;
END;
$$;

CREATE TRIGGER notifications_queued_notify AFTER INSERT ON notifications
  FOR EACH STATEMENT EXECUTE FUNCTION notifications_queued_notify();
