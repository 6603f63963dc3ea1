-- Payments: one per order, and the log of every operation asked of the card processor for it.
-- Money is an integer amount in minor units with its ISO 4217 currency. No full card number and no
-- card security code is ever stored: only the last four digits and the brand.

CREATE TABLE payments (
  id                         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- One payment per order: also what makes two authorizations for one order impossible.
  order_id_ref               uuid NOT NULL UNIQUE,
  user_id_ref                uuid NOT NULL,
  amount_minor               bigint NOT NULL CHECK (amount_minor > 0),
  currency                   char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  -- `pending`: the authorization has been asked for and its answer is not recorded yet (see
  -- payment.handlers.ts: the processor is called between two transactions).
  status                     text NOT NULL CHECK (status IN (
                               'pending', 'authorized', 'captured', 'voided', 'refunded',
                               'partially_refunded', 'declined', 'failed')),
  captured_minor             bigint NOT NULL DEFAULT 0 CHECK (captured_minor IN (0, amount_minor)),
  refunded_minor             bigint NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0 AND refunded_minor <= captured_minor),
  card_last4                 char(4) CHECK (card_last4 ~ '^[0-9]{4}$'),
  card_brand                 text CHECK (length(card_brand) <= 20),
  processor_authorization_id text,
  -- Why an authorization was declined or failed (card_declined, processor_timeout, ...).
  decline_reason             text,
  created_at                 timestamptz NOT NULL DEFAULT now(),
  updated_at                 timestamptz NOT NULL DEFAULT now(),
  -- Incremented with every change and published in payment events, so copies ignore stale ones.
  version                    integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  CONSTRAINT payments_captured_status CHECK (
    (status IN ('captured', 'refunded', 'partially_refunded')) = (captured_minor > 0)
  )
);

-- "My payments", newest first, read by keyset.
CREATE INDEX payments_by_user ON payments (user_id_ref, created_at DESC, id DESC);

CREATE TABLE payment_operations (
  -- The operation id given by the command: a repeated command finds its row and gets the recorded
  -- answer, and the same id is the processor's idempotency key.
  id                  uuid PRIMARY KEY,
  order_id_ref        uuid NOT NULL,
  -- Null when the order had no payment. A void of such an order is kept as a tombstone, so an
  -- authorization for that order arriving late is refused rather than left holding money.
  payment_id          uuid REFERENCES payments (id),
  kind                text NOT NULL CHECK (kind IN ('authorize', 'capture', 'void', 'refund')),
  amount_minor        bigint CHECK (amount_minor >= 0),
  -- `pending` while the processor is being asked (between the two transactions).
  outcome             text NOT NULL CHECK (outcome IN ('pending', 'succeeded', 'declined', 'failed')),
  processor_reference text,
  -- The reason code of a declined or failed operation (already_captured, processor_timeout, ...).
  error               text CHECK (length(error) <= 200),
  -- Why the operation was asked for (the reason given with a void or refund).
  note                text CHECK (length(note) <= 200),
  -- The payment's status and version once this operation was recorded, so that a repeated command
  -- is answered exactly as the first one was (and a copy can tell the answer is not news).
  payment_status      text,
  payment_version     integer,
  created_at          timestamptz NOT NULL DEFAULT now(),
  completed_at        timestamptz,
  CONSTRAINT payment_operations_payment CHECK (payment_id IS NOT NULL OR outcome <> 'pending'),
  CONSTRAINT payment_operations_completed CHECK ((outcome = 'pending') = (completed_at IS NULL))
);

CREATE INDEX payment_operations_by_payment ON payment_operations (payment_id, created_at);
CREATE INDEX payment_operations_by_order ON payment_operations (order_id_ref);

-- At most one operation in flight per payment: a second one waits its turn (its command is retried),
-- so the state a decision was made on cannot change before the processor's answer is recorded.
CREATE UNIQUE INDEX payment_operations_one_pending ON payment_operations (payment_id) WHERE outcome = 'pending';

-- The invariant money depends on: a payment is captured at most once.
CREATE UNIQUE INDEX payment_operations_one_capture ON payment_operations (payment_id)
  WHERE kind = 'capture' AND outcome = 'succeeded';
