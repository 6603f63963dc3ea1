-- The warehouse's own schema (DuckDB, not PostgreSQL: analytics owns no PostgreSQL database). Applied
-- by analytics itself at start, forward only, like a service's migrations.

-- Every event taken from analytics.events, once: its inbox and the source of truth of every fact
-- table below, which `npm run analytics -- rebuild` derives again from it.
CREATE TABLE raw_events (
  event_id       UUID PRIMARY KEY,
  type           VARCHAR NOT NULL,
  version        INTEGER NOT NULL,
  source         VARCHAR NOT NULL,
  occurred_at    TIMESTAMPTZ NOT NULL,
  received_at    TIMESTAMPTZ NOT NULL,
  correlation_id VARCHAR,
  payload        JSON NOT NULL
);

-- One row per order, each column written by the events that know it. Every update is commutative
-- (first time seen, COALESCE of facts that never change), so events folded in any order, once or
-- again, give the same row.
CREATE TABLE fact_orders (
  order_id         UUID PRIMARY KEY,
  order_number     VARCHAR,
  user_id          UUID,
  currency         VARCHAR,
  total_minor      BIGINT,
  placed_at        TIMESTAMPTZ,
  confirmed_at     TIMESTAMPTZ,
  rejected_at      TIMESTAMPTZ,
  rejected_reason  VARCHAR,
  cancelled_at     TIMESTAMPTZ,
  cancelled_reason VARCHAR,
  refunded_minor   BIGINT,
  dispatched_at    TIMESTAMPTZ,
  picked_up_at     TIMESTAMPTZ,
  delivered_at     TIMESTAMPTZ,
  returned_at      TIMESTAMPTZ
);

-- The lines of order.placed, with the price the customer was shown.
CREATE TABLE fact_order_lines (
  order_id         UUID NOT NULL,
  line_no          INTEGER NOT NULL,
  product_id       UUID NOT NULL,
  sku              VARCHAR NOT NULL,
  quantity         INTEGER NOT NULL,
  unit_price_minor BIGINT NOT NULL,
  PRIMARY KEY (order_id, line_no)
);

-- One row per payment event: what payments told the world about an order's money.
CREATE TABLE fact_payments (
  event_id     UUID PRIMARY KEY,
  order_id     UUID NOT NULL,
  payment_id   UUID,
  operation_id UUID NOT NULL,
  outcome      VARCHAR NOT NULL, -- authorized, declined, captured, capture_failed, voided, void_failed, refunded, refund_failed
  amount_minor BIGINT,
  currency     VARCHAR,
  reason       VARCHAR,
  effect       VARCHAR,          -- payment.voided: voided or nothing_held
  occurred_at  TIMESTAMPTZ NOT NULL
);

-- One row per shipping event: a parcel's journey and who carried it.
CREATE TABLE fact_shipments (
  event_id     UUID PRIMARY KEY,
  order_id     UUID NOT NULL,
  shipment_id  UUID,
  outcome      VARCHAR NOT NULL, -- created, failed, cancelled, cancel_refused, dispatched, picked_up, attempt_failed, delivered, returned
  courier_id   UUID,
  courier_name VARCHAR,
  attempt      INTEGER,
  reason       VARCHAR,
  occurred_at  TIMESTAMPTZ NOT NULL
);

-- Stock as inventory's events tell it: reservations (one row per line), their release or commit
-- (line_no 0: the quantities are the reservation's), and parcels received back (one row per line).
CREATE TABLE fact_stock_movements (
  event_id       UUID NOT NULL,
  line_no        INTEGER NOT NULL,
  kind           VARCHAR NOT NULL, -- reserved, rejected, released, committed, returned
  reservation_id UUID,
  order_id       UUID,
  sku            VARCHAR,
  quantity       INTEGER,
  occurred_at    TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (event_id, line_no)
);

-- The newest stock.changed per SKU (by inventory's version).
CREATE TABLE fact_stock_levels (
  sku         VARCHAR PRIMARY KEY,
  product_id  UUID,
  on_hand     INTEGER NOT NULL,
  reserved    INTEGER NOT NULL,
  available   INTEGER NOT NULL,
  version     BIGINT NOT NULL,
  occurred_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE fact_users (
  user_id       UUID PRIMARY KEY,
  registered_at TIMESTAMPTZ NOT NULL
);

-- Products as catalog's events tell them (the newest version); CDC's copy of catalog's tables,
-- when it runs, adds what events do not carry (category names).
CREATE TABLE dim_products (
  product_id      UUID PRIMARY KEY,
  sku             VARCHAR NOT NULL,
  name            VARCHAR,          -- null while only the discontinuation has been seen (version 0)
  category_id     UUID,
  price_minor     BIGINT,
  currency        VARCHAR,
  version         BIGINT NOT NULL,
  discontinued_at TIMESTAMPTZ
);

-- Every message a service parked in its dead-letter queue, as the kit announced it
-- (message.dead-lettered): the history a dead-letter queue forgets once it is replayed.
CREATE TABLE fact_dead_letters (
  event_id     UUID PRIMARY KEY,
  service      VARCHAR NOT NULL,
  queue        VARCHAR NOT NULL,
  message_id   VARCHAR NOT NULL,
  message_type VARCHAR NOT NULL,
  reason       VARCHAR NOT NULL,
  attempts     INTEGER NOT NULL,
  outcome      VARCHAR NOT NULL, -- dead_lettered (attempts used up) or invalid (refused at once)
  parked_at    TIMESTAMPTZ NOT NULL
);

-- Reconciliation: each run, and what it found.
CREATE TABLE reconciliation_runs (
  run_id      UUID PRIMARY KEY,
  started_at  TIMESTAMPTZ NOT NULL,
  finished_at TIMESTAMPTZ NOT NULL,
  trigger     VARCHAR NOT NULL, -- schedule or request
  checks      JSON NOT NULL     -- [{check, status, findings, note?}]
);
CREATE TABLE reconciliation_findings (
  run_id    UUID NOT NULL,
  check_id  VARCHAR NOT NULL,
  entity    VARCHAR NOT NULL,
  detail    VARCHAR NOT NULL
);
