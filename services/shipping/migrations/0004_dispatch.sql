-- Dispatch and delivery: a confirmed order's shipment waits for the nearest available courier, who
-- picks it up and delivers it, or after failed attempts brings it back.

ALTER TABLE shipments DROP CONSTRAINT shipments_status_check;
ALTER TABLE shipments ADD CONSTRAINT shipments_status_check
  CHECK (status IN ('created', 'cancelled', 'dispatched', 'picked_up', 'delivered', 'failed', 'returned'));

ALTER TABLE shipments
  -- Where the parcel goes, from the geocoder (a simulator locally); filled at the first dispatch try.
  ADD COLUMN latitude double precision CHECK (latitude BETWEEN -90 AND 90),
  ADD COLUMN longitude double precision CHECK (longitude BETWEEN -180 AND 180),
  -- Set when the order is confirmed (order.confirmed): from then on the shipment may be dispatched.
  ADD COLUMN ready_at timestamptz,
  -- The courier who has it now; NULL while it waits for one (also after a courier handed it back).
  ADD COLUMN courier_id uuid REFERENCES couriers (id),
  -- When the dispatcher tries next, and how often it found no courier.
  ADD COLUMN next_dispatch_at timestamptz,
  ADD COLUMN dispatch_tries integer NOT NULL DEFAULT 0 CHECK (dispatch_tries >= 0),
  ADD COLUMN failed_attempts integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0);

-- The dispatcher's queue: waiting shipments, soonest first (read with FOR UPDATE SKIP LOCKED).
CREATE INDEX shipments_waiting ON shipments (next_dispatch_at)
  WHERE courier_id IS NULL AND ready_at IS NOT NULL AND status IN ('created', 'dispatched');
CREATE INDEX shipments_by_courier ON shipments (courier_id) WHERE courier_id IS NOT NULL;

-- Parcels a courier carries now. The CHECK is what makes "never beyond capacity" hold whatever the
-- number of shipping replicas: a claim is one UPDATE on the courier's row.
ALTER TABLE couriers ADD COLUMN load integer NOT NULL DEFAULT 0 CHECK (load >= 0);
ALTER TABLE couriers ADD CONSTRAINT couriers_load_within_capacity CHECK (load <= capacity);

ALTER TABLE delivery_attempts ADD COLUMN courier_id uuid REFERENCES couriers (id);
