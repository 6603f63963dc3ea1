-- A fraud screening before the payment's authorization, for the checkouts the `checkout-fraud-check`
-- flag turns it on for (see src/checkout/screening.ts). Whether a saga screens is decided once, when
-- it starts, and kept with it (`fraud_check`): a flag flipped later never changes a running saga.
-- Sagas started before this migration did not screen (false).
ALTER TABLE checkout_sagas ADD COLUMN fraud_check boolean NOT NULL DEFAULT false;

-- The new state and forward step: `screening`, waiting on `screen-fraud` (the scorer is called by
-- the screening job, not through the broker; nothing is held while it runs).
ALTER TABLE checkout_sagas DROP CONSTRAINT checkout_sagas_state_check;
ALTER TABLE checkout_sagas ADD CONSTRAINT checkout_sagas_state_check
  CHECK (state IN ('screening', 'authorizing', 'reserving', 'shipping', 'capturing', 'confirmed', 'compensating', 'cancelled', 'rejected'));
ALTER TABLE checkout_sagas DROP CONSTRAINT checkout_sagas_step_check;
ALTER TABLE checkout_sagas ADD CONSTRAINT checkout_sagas_step_check
  CHECK (step IN ('screen-fraud', 'authorize-payment', 'reserve-stock', 'create-shipment', 'capture-payment', 'cancel-shipment', 'release-stock', 'void-payment', 'refund-payment'));
-- Only a saga that was decided to screen is ever screening.
ALTER TABLE checkout_sagas ADD CONSTRAINT checkout_sagas_screening_decided CHECK (state <> 'screening' OR fraud_check);

-- What the screening job scans: the sagas waiting on their screening, oldest first.
CREATE INDEX checkout_sagas_screening ON checkout_sagas (started_at) WHERE state = 'screening';
