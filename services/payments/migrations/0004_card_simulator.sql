-- THE CARD PROCESSOR SIMULATOR'S STORAGE, NOT PAYMENTS' OWN DATA.
--
-- A card processor is an external system that keeps its vault (cards behind tokens), its
-- authorizations and its idempotency records on its own side: in production these live at the
-- processor, never with us, and survive anything that happens to payments. Bazaar charges no real
-- cards, so payments runs a simulator (src/processor/simulated-processor.ts) behind the CardProcessor
-- adapter, and these tables are the stand-in for the processor's own storage. They are in payments'
-- database only so that the simulator's state outlives a restart (or a SIGKILL) of payments, as a
-- real processor's would: an authorization made before a restart can be captured, voided or refunded
-- after it, and a repeated idempotency key is answered as the first time, with no second charge.
--
-- Payments' code never reads or writes these tables; only the simulator does. A real processor's
-- client would replace the simulator, and these tables would be dropped.

-- The vault. The simulator does not keep the card number (nor the security code): what a number
-- decides (approve, decline, time out ... see the test cards) is worked out when the card is
-- tokenized and kept as `behaviour`, so that no full card number is ever at rest in this database.
CREATE TABLE card_simulator_vault (
  token      text PRIMARY KEY,
  behaviour  text NOT NULL CHECK (behaviour IN (
               'approve', 'decline', 'insufficient_funds', 'processor_error', 'timeout', 'slow', 'capture_declined')),
  brand      text NOT NULL,
  last4      char(4) NOT NULL CHECK (last4 ~ '^[0-9]{4}$'),
  exp_month  smallint NOT NULL,
  exp_year   integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Authorizations held at the simulated processor, and what became of them.
CREATE TABLE card_simulator_authorizations (
  id             text PRIMARY KEY,
  token          text NOT NULL REFERENCES card_simulator_vault (token),
  -- The merchant's reference sent with the authorization (our order id), for operators.
  order_id_ref   uuid NOT NULL,
  -- The idempotency key of the authorize call that made it: a void "by authorize key" finds it here.
  authorize_key  text NOT NULL UNIQUE,
  amount_minor   bigint NOT NULL CHECK (amount_minor > 0),
  currency       char(3) NOT NULL,
  status         text NOT NULL CHECK (status IN ('authorized', 'captured', 'voided')),
  captured_minor bigint NOT NULL DEFAULT 0 CHECK (captured_minor >= 0 AND captured_minor <= amount_minor),
  refunded_minor bigint NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0 AND refunded_minor <= captured_minor),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX card_simulator_authorizations_by_order ON card_simulator_authorizations (order_id_ref);

-- The processor's idempotency records: the first answer given under a key, replayed for every
-- repeat of it. Written in the same transaction as the effect, so an effect never lacks its answer.
CREATE TABLE card_simulator_requests (
  kind            text NOT NULL CHECK (kind IN ('authorize', 'capture', 'void', 'refund')),
  idempotency_key text NOT NULL,
  answer          jsonb NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, idempotency_key)
);
