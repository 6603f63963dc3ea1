-- A user's postal addresses (seed 002's USER_ADDRESS). At most one is the default: the partial
-- unique index makes a second default impossible, whatever the application does.
CREATE TABLE user_addresses (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  address_line1 text NOT NULL CHECK (length(address_line1) BETWEEN 1 AND 200),
  address_line2 text CHECK (length(address_line2) <= 200),
  city          text NOT NULL CHECK (length(city) BETWEEN 1 AND 100),
  state         text CHECK (length(state) <= 100),
  postal_code   text NOT NULL CHECK (length(postal_code) BETWEEN 1 AND 20),
  country       char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  is_default    boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX user_addresses_user_id_idx ON user_addresses (user_id, created_at);
CREATE UNIQUE INDEX user_addresses_one_default_key ON user_addresses (user_id) WHERE is_default;
