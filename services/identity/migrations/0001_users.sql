-- Identity's users (seed 002's USER). Emails are unique regardless of case: the address is kept as
-- the user typed it, and the unique index on lower(email) is also what lookups by email use.
CREATE TABLE users (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email         text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  first_name    text NOT NULL CHECK (length(first_name) BETWEEN 1 AND 100),
  last_name     text NOT NULL DEFAULT '' CHECK (length(last_name) <= 100),
  role          text NOT NULL DEFAULT 'customer' CHECK (role IN ('customer', 'admin')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));
