-- Account deletion. A deleted user keeps their row (other services' copies and orders kept for
-- accounting refer to the id, and an operator must be able to follow the erasure), with every
-- personal field blanked: the email becomes `<id>@deleted.invalid` (unique, and no mail can reach
-- it), the names empty, the phone and the password gone. Addresses, preferences and mailed links are
-- deleted outright. Nothing the law asks identity to keep is personal here: the orders, with their
-- amounts, are orders' records.
ALTER TABLE users ADD COLUMN deleted_at timestamptz;
ALTER TABLE users DROP CONSTRAINT users_first_name_check;
ALTER TABLE users ADD CONSTRAINT users_first_name_check
  CHECK (length(first_name) <= 100 AND (deleted_at IS NOT NULL OR length(first_name) >= 1));

-- Each service's confirmation that it erased or anonymised what it held of a deleted user
-- (`user.erased`), and identity's own, written with the deletion. The services that must answer are
-- named in the code (users/erasure.ts); a missing row is a service that has not answered yet.
CREATE TABLE user_erasures (
  user_id     uuid NOT NULL REFERENCES users (id),
  service     text NOT NULL CHECK (service ~ '^[a-z][a-z0-9-]{0,59}$'),
  erased_at   timestamptz NOT NULL,
  summary     text CHECK (length(summary) <= 500),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, service)
);
