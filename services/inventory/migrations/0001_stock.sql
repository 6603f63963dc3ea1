-- Inventory's stock: a snapshot per SKU, the append-only ledger it is derived from, and the
-- reservations the checkout saga makes against it. Quantities are whole units.

CREATE TABLE stock_items (
  -- Catalog's SKU rule: capitals and digits in hyphen-separated groups, 3 to 40 characters.
  sku                 text PRIMARY KEY CHECK (sku ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$' AND length(sku) BETWEEN 3 AND 40),
  -- Catalog's product, learnt from product.created; null while stock arrives before the product does.
  product_id_ref      uuid,
  on_hand             integer NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
  reserved            integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
  available           integer GENERATED ALWAYS AS (on_hand - reserved) STORED,
  -- Incremented with every change and published in stock.changed, so copies can ignore stale events.
  version             bigint NOT NULL DEFAULT 1 CHECK (version >= 1),
  low_stock_threshold integer NOT NULL CHECK (low_stock_threshold >= 0),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT stock_items_reserved_within_on_hand CHECK (reserved <= on_hand)
);

-- The operators' "low stock" list, read in SKU order.
CREATE INDEX stock_items_low_stock ON stock_items (sku) WHERE available <= low_stock_threshold;

-- The ledger. `quantity` is signed as the movement's effect on the balances its kind touches:
--   received  +n  on hand             reserved  +n  reserved
--   adjusted  ±n  on hand             released  -n  reserved
--   committed -n  on hand and reserved (reserved units leave the warehouse)
-- so on_hand = sum(on_hand_delta) and reserved = sum(reserved_delta) over a SKU's movements.
CREATE TABLE stock_movements (
  -- A sequence rather than a uuid: the ledger's order is its meaning, and "recent movements" reads it.
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sku             text NOT NULL REFERENCES stock_items (sku),
  kind            text NOT NULL CHECK (kind IN ('received', 'reserved', 'released', 'committed', 'adjusted')),
  quantity        integer NOT NULL,
  on_hand_delta   integer GENERATED ALWAYS AS (CASE WHEN kind IN ('received', 'adjusted', 'committed') THEN quantity ELSE 0 END) STORED,
  reserved_delta  integer GENERATED ALWAYS AS (CASE WHEN kind IN ('reserved', 'released', 'committed') THEN quantity ELSE 0 END) STORED,
  reservation_id  uuid,
  reason          text CHECK (length(reason) <= 200),
  created_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT stock_movements_sign CHECK (
    (kind IN ('received', 'reserved') AND quantity > 0)
    OR (kind IN ('released', 'committed') AND quantity < 0)
    OR (kind = 'adjusted' AND quantity <> 0)
  ),
  CONSTRAINT stock_movements_reservation CHECK ((kind IN ('reserved', 'released', 'committed')) = (reservation_id IS NOT NULL))
);

CREATE INDEX stock_movements_sku ON stock_movements (sku, id);
CREATE INDEX stock_movements_reservation ON stock_movements (reservation_id) WHERE reservation_id IS NOT NULL;

-- Append-only, enforced by the database: the service's role owns its tables, and an owner is not
-- bound by a REVOKE it can undo, so triggers refuse every UPDATE, DELETE and TRUNCATE instead.
-- A correction is a new `adjusted` movement, never an edit.
CREATE FUNCTION stock_movements_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'stock_movements is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege', HINT = 'record a correcting adjusted movement instead';
END
$$;

CREATE TRIGGER stock_movements_no_update_or_delete
  BEFORE UPDATE OR DELETE ON stock_movements
  FOR EACH ROW EXECUTE FUNCTION stock_movements_append_only();

CREATE TRIGGER stock_movements_no_truncate
  BEFORE TRUNCATE ON stock_movements
  FOR EACH STATEMENT EXECUTE FUNCTION stock_movements_append_only();

-- A reservation's id is the saga's reservation id, which makes reserve, release and commit
-- idempotent. `rejected` keeps a refused reserve's answer so a repeat gets the same one; a release
-- that arrives before its reserve leaves a `released` row without an order, so the late reserve
-- is refused instead of holding stock for an order that is already cancelled.
CREATE TABLE reservations (
  id            uuid PRIMARY KEY,
  order_id_ref  uuid,
  status        text NOT NULL CHECK (status IN ('active', 'released', 'committed', 'expired', 'rejected')),
  -- Why it ended: the release reason, 'expired', or the rejection reason.
  status_reason text CHECK (length(status_reason) <= 200),
  shortages     jsonb,
  expires_at    timestamptz NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

-- What the expiry job scans: only active reservations, oldest deadline first.
CREATE INDEX reservations_active_expiry ON reservations (expires_at) WHERE status = 'active';

-- The lines as requested. No foreign key to stock_items: a rejected reserve may name unknown SKUs.
CREATE TABLE reservation_lines (
  reservation_id uuid NOT NULL REFERENCES reservations (id),
  sku            text NOT NULL,
  quantity       integer NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (reservation_id, sku)
);
