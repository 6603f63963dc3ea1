-- Orders' own data: orders with their items (a snapshot of the product taken at checkout), copies of
-- the payment's and the shipment's status (each with the source's version), and the checkout saga's
-- state and step log. Money is in minor units with an ISO 4217 currency.

CREATE TABLE orders (
  id              uuid PRIMARY KEY,                -- uuid v7: ids sort by creation, which the listing uses
  -- BZ-YYMMDD-XXXXX, the last part drawn from an alphabet without look-alikes; a taken one is drawn again.
  order_number    text NOT NULL UNIQUE CHECK (order_number ~ '^BZ-[0-9]{6}-[2-9A-HJKMNP-TV-Z]{5}$'),
  user_id_ref     uuid NOT NULL,                   -- identity's user
  status          text NOT NULL CHECK (status IN ('pending', 'confirmed', 'cancelling', 'cancelled', 'rejected')),
  status_reason   text CHECK (length(status_reason) <= 200),
  currency        text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  subtotal_minor  bigint NOT NULL CHECK (subtotal_minor >= 0),
  total_minor     bigint NOT NULL CHECK (total_minor >= 1),
  -- The client's Idempotency-Key and a hash of the request it came with: the same key again returns
  -- this order, the same key with another request is refused.
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
  request_hash    text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT orders_idempotency UNIQUE (user_id_ref, idempotency_key)
);

-- "My orders", newest first (keyset on the time-ordered id).
CREATE INDEX orders_by_user ON orders (user_id_ref, id DESC);

-- A snapshot of each product as catalog priced it at checkout; later catalog changes do not touch it.
CREATE TABLE order_items (
  order_id         uuid NOT NULL REFERENCES orders (id),
  line_no          integer NOT NULL CHECK (line_no >= 1),
  product_id_ref   uuid NOT NULL,                  -- catalog's product
  sku              text NOT NULL,
  product_name     text NOT NULL,
  unit_price_minor bigint NOT NULL CHECK (unit_price_minor >= 0),
  quantity         integer NOT NULL CHECK (quantity BETWEEN 1 AND 100),
  line_total_minor bigint NOT NULL CHECK (line_total_minor = unit_price_minor * quantity),
  PRIMARY KEY (order_id, line_no)
);

-- Payments' view of the order's payment, copied from its events. `version` is the payment's version
-- in payments; an event with a version not above it is stale and changes nothing. Statuses are the
-- source's vocabulary (plus 'pending' until the first answer), so they are not constrained here.
CREATE TABLE order_payment (
  order_id           uuid PRIMARY KEY REFERENCES orders (id),
  payment_method_ref text NOT NULL,                -- the token from payments the customer paid with
  payment_id_ref     uuid,
  status             text NOT NULL,
  amount_minor       bigint NOT NULL,
  currency           text NOT NULL,
  captured_minor     bigint NOT NULL DEFAULT 0,
  refunded_minor     bigint NOT NULL DEFAULT 0,
  card_brand         text,
  card_last4         text,
  reason             text,
  version            bigint,
  updated_at         timestamptz NOT NULL DEFAULT now()
);

-- The recipient as given at checkout, and shipping's view of the shipment, copied from its events
-- with the shipment's version (as order_payment).
CREATE TABLE order_shipping (
  order_id         uuid PRIMARY KEY REFERENCES orders (id),
  recipient_name   text NOT NULL,
  address_line1    text NOT NULL,
  address_line2    text,
  city             text NOT NULL,
  state            text,
  postal_code      text NOT NULL,
  country          text NOT NULL,
  shipment_id_ref  uuid,
  tracking_number  text,
  carrier          text,
  status           text NOT NULL,
  reason           text,
  version          bigint,
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- The checkout saga of each order (see src/checkout/saga.ts for the state machine). The ids of the
-- commands it sends are fixed when the order is placed, so a command sent again is the same command
-- to its receiver.
CREATE TABLE checkout_sagas (
  order_id               uuid PRIMARY KEY REFERENCES orders (id),
  state                  text NOT NULL CHECK (state IN ('authorizing', 'reserving', 'shipping', 'capturing', 'confirmed', 'compensating', 'cancelled', 'rejected')),
  -- The step awaiting its reply: a forward step, or the compensation in flight. Null when settled.
  step                   text CHECK (step IN ('authorize-payment', 'reserve-stock', 'create-shipment', 'capture-payment', 'cancel-shipment', 'release-stock', 'void-payment', 'refund-payment')),
  deadline_at            timestamptz,             -- when the step is given up on (forward) or sent again (compensation)
  attempt                integer NOT NULL DEFAULT 1 CHECK (attempt >= 1),
  -- What the saga knows of each thing it asked for (see Resources in saga.ts).
  payment                text NOT NULL,
  reservation            text NOT NULL,
  shipment               text NOT NULL,
  -- The compensation under way undoes a confirmed order: should the shipment turn out to be beyond
  -- cancelling (the courier has it), the order stays confirmed instead.
  after_confirmation     boolean NOT NULL DEFAULT false,
  reason                 text CHECK (length(reason) <= 200),
  payment_method_ref     text NOT NULL,
  authorize_operation_id uuid NOT NULL,
  capture_operation_id   uuid NOT NULL,
  void_operation_id      uuid NOT NULL,
  refund_operation_id    uuid NOT NULL,
  reservation_id         uuid NOT NULL,
  shipment_request_id    uuid NOT NULL,
  started_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  finished_at            timestamptz,
  CONSTRAINT checkout_sagas_deadline CHECK ((deadline_at IS NULL) = (step IS NULL))
);

-- What the deadline job scans: sagas waiting on a step, earliest deadline first.
CREATE INDEX checkout_sagas_deadline ON checkout_sagas (deadline_at) WHERE deadline_at IS NOT NULL;
-- Replies from inventory are matched by reservation id when they carry no order id.
CREATE UNIQUE INDEX checkout_sagas_reservation ON checkout_sagas (reservation_id);

-- The saga's timeline: every step started, answered, timed out, retried or compensated, in order.
CREATE TABLE saga_steps (
  order_id uuid NOT NULL REFERENCES checkout_sagas (order_id),
  seq      integer NOT NULL CHECK (seq >= 1),
  step     text NOT NULL,
  kind     text NOT NULL CHECK (kind IN ('action', 'compensation')),
  status   text NOT NULL CHECK (status IN ('started', 'succeeded', 'failed', 'timed_out', 'retried', 'late')),
  detail   text CHECK (length(detail) <= 500),
  at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (order_id, seq)
);
