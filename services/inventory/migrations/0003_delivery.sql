-- Delivery: a confirmed order's reservation is held until a courier takes the parcel (no expiry: the
-- wait for a courier is not the customer's fault), committed on dispatch, and a returned parcel's
-- items come back into stock once.

-- Set by order.confirmed: the expiry job leaves such a reservation alone.
ALTER TABLE reservations ADD COLUMN held_for_delivery_at timestamptz;

-- Shipments whose returned items were taken back into stock: a second shipment.returned (another
-- message id for the same return) changes nothing.
CREATE TABLE returned_shipments (
  shipment_id_ref uuid PRIMARY KEY,
  order_id_ref    uuid NOT NULL,
  received_at     timestamptz NOT NULL DEFAULT now()
);
