-- The delivery, as shipping tells it after confirmation (shipment.dispatched, picked_up,
-- attempt_failed, delivered, returned): copied onto order_shipping like the rest of that copy (the
-- newest version wins), shown on the order's status and in its timeline.

-- What the order shows of the parcel's journey. The courier is shipping's (`courier_id_ref`, no key);
-- `failed_attempts` is the number of the latest failed attempt shipping reported (at most 20 in its
-- events); `delivered_at` is when the recipient got it, as the courier reported.
ALTER TABLE order_shipping
  ADD COLUMN courier_id_ref  uuid,
  ADD COLUMN courier_name    text CHECK (length(courier_name) BETWEEN 1 AND 100),
  ADD COLUMN failed_attempts integer NOT NULL DEFAULT 0 CHECK (failed_attempts BETWEEN 0 AND 20),
  ADD COLUMN delivered_at    timestamptz;

-- A confirmed order now follows its parcel: `shipped` once a courier has it (dispatched, picked up,
-- attempts failing), `delivered` once the recipient has it. A parcel that comes back is refunded and
-- the order ends `cancelled`, its reason saying it was returned, so "cancelled" keeps meaning "no
-- money kept".
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check
  CHECK (status IN ('pending', 'confirmed', 'shipped', 'delivered', 'cancelling', 'cancelled', 'rejected'));

-- The timeline also shows the delivery. Its entries are neither something the saga did nor undid,
-- but news from shipping, so they are a kind of their own (`delivery`), limited to the five steps of
-- a parcel's journey; their status keeps its meaning (a failed attempt is `failed`).
ALTER TABLE saga_steps DROP CONSTRAINT saga_steps_kind_check;
ALTER TABLE saga_steps ADD CONSTRAINT saga_steps_kind_check CHECK (kind IN ('action', 'compensation', 'delivery'));
ALTER TABLE saga_steps ADD CONSTRAINT saga_steps_delivery_step
  CHECK (kind <> 'delivery' OR step IN ('dispatch', 'pick-up', 'delivery-attempt', 'deliver', 'return'));
