-- Saved payment methods: a card is sent once, at `POST /payments/methods`, to the card processor's
-- vault, and from then on is named by the vault's token. Payments keeps only that token and what may
-- be shown of the card (brand, last four digits, expiry date): never the full number, never the
-- security code. The checkout saga's `payments.authorize` command names a method by its id, so no
-- card number passes through orders, a command or any outbox.

CREATE TABLE payment_methods (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The identity user the card was saved by; only that user's authorizations may use it.
  user_id_ref     uuid NOT NULL,
  -- The processor's token for the card: meaningful only to our processor account.
  processor_token text NOT NULL UNIQUE CHECK (length(processor_token) <= 200),
  brand           text NOT NULL CHECK (length(brand) <= 20),
  last4           char(4) NOT NULL CHECK (last4 ~ '^[0-9]{4}$'),
  exp_month       smallint NOT NULL CHECK (exp_month BETWEEN 1 AND 12),
  -- The full year (2029).
  exp_year        integer NOT NULL CHECK (exp_year BETWEEN 2000 AND 2200),
  created_at      timestamptz NOT NULL DEFAULT now()
);

-- "My payment methods", newest first.
CREATE INDEX payment_methods_by_user ON payment_methods (user_id_ref, created_at DESC, id DESC);

-- The method a payment was authorized with. Null for payments made before methods existed, and for
-- an authorization declined because its method was unknown or someone else's.
ALTER TABLE payments ADD COLUMN payment_method_id uuid REFERENCES payment_methods (id);
