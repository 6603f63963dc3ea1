-- The order's timeline learns one more delivery step: `hand-back`, from shipping's
-- `shipment.handed_back` (a courier ended the shift with the parcel, which waits for another courier).
-- The set of steps only grows, so every row already there satisfies the new check; it is added NOT
-- VALID (checked for new rows, no scan under the table's lock) and validated after, which lets writes go on.
SET LOCAL lock_timeout = '5s';

ALTER TABLE saga_steps DROP CONSTRAINT saga_steps_delivery_step;
ALTER TABLE saga_steps ADD CONSTRAINT saga_steps_delivery_step
  CHECK (kind <> 'delivery' OR step IN ('dispatch', 'hand-back', 'pick-up', 'delivery-attempt', 'deliver', 'return')) NOT VALID;
ALTER TABLE saga_steps VALIDATE CONSTRAINT saga_steps_delivery_step;
