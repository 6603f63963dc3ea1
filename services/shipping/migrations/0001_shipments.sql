-- Shipping's shipments (seed 002's ORDER_SHIPPING, split out of orders): the recipient and address
-- as they were when the order was placed (a snapshot, not a link to identity's addresses), the
-- carrier and the tracking number customers see.

CREATE TABLE shipments (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- One shipment per order: also what makes a repeated create-shipment harmless.
  order_id_ref        uuid NOT NULL UNIQUE,
  -- The saga's id for the request; a repeated request finds its shipment by it or by the order.
  shipment_request_id uuid NOT NULL UNIQUE,
  user_id_ref         uuid NOT NULL,
  recipient_name      text NOT NULL CHECK (length(recipient_name) BETWEEN 1 AND 200),
  line1               text NOT NULL CHECK (length(line1) BETWEEN 1 AND 200),
  line2               text CHECK (length(line2) <= 200),
  city                text NOT NULL CHECK (length(city) BETWEEN 1 AND 100),
  state               text CHECK (length(state) <= 100),
  postal_code         text NOT NULL CHECK (length(postal_code) BETWEEN 1 AND 20),
  country             char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  carrier             text NOT NULL CHECK (length(carrier) BETWEEN 1 AND 50),
  -- BZ and ten characters of an alphabet without look-alikes (no 0, 1, I, L, O, U).
  tracking_number     text NOT NULL UNIQUE CHECK (tracking_number ~ '^BZ[2-9A-HJKMNP-TV-Z]{10}$'),
  status              text NOT NULL CHECK (status IN ('created', 'cancelled', 'dispatched', 'delivered', 'failed')),
  -- Why it was cancelled or failed.
  status_reason       text CHECK (length(status_reason) <= 200),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  -- Incremented with every change and published in shipment events, so copies ignore stale ones.
  version             integer NOT NULL DEFAULT 1 CHECK (version >= 1)
);

-- "My shipments", newest first, read by keyset.
CREATE INDEX shipments_by_user ON shipments (user_id_ref, created_at DESC, id DESC);

-- What the shipment carries, as the order listed it.
CREATE TABLE shipment_items (
  shipment_id uuid NOT NULL REFERENCES shipments (id),
  sku         text NOT NULL CHECK (sku ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
  quantity    integer NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (shipment_id, sku)
);

-- Each time a courier tried to deliver (couriers and dispatch come later).
CREATE TABLE delivery_attempts (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  shipment_id  uuid NOT NULL REFERENCES shipments (id),
  attempted_at timestamptz NOT NULL DEFAULT now(),
  outcome      text NOT NULL CHECK (outcome IN ('delivered', 'failed')),
  note         text CHECK (length(note) <= 500)
);

CREATE INDEX delivery_attempts_by_shipment ON delivery_attempts (shipment_id, attempted_at);

-- Orders whose shipment was cancelled before it existed (the saga compensated a step whose reply was
-- late). A create-shipment arriving afterwards for such an order fails instead of shipping goods
-- for a cancelled order.
CREATE TABLE cancelled_orders (
  order_id_ref uuid PRIMARY KEY,
  reason       text NOT NULL CHECK (length(reason) <= 200),
  cancelled_at timestamptz NOT NULL DEFAULT now()
);
