-- Seed 002's ORDER_PAYMENT keeps the processor's transaction id and when the money was taken: copied
-- from payments' payment.captured (its transactionId and capturedAt, optional in the contract, so a
-- capture announced by an older payments leaves them null). Nullable and without a default: adding
-- them rewrites nothing.
ALTER TABLE order_payment ADD COLUMN transaction_id text CHECK (length(transaction_id) <= 200);
ALTER TABLE order_payment ADD COLUMN paid_at timestamptz;
