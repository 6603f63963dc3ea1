-- What identity needs for the flows that reach a user by email (verification, password reset) and
-- for the copies notifications keeps of each user's contact details.
--
-- version: raised on every change identity announces (user.registered starts at 1, each user.updated
-- carries the next), so a copy elsewhere keeps the newest and ignores a late, older event.
-- phone: E.164, for SMS; the same rule as the contract's.
-- email_verified_at: when the user proved they read the current address; cleared when it changes.
-- notify_*: the channels the user lets the shop use; email on, SMS and push off until asked for.
-- Users who existed before this migration start unverified at version 1.
ALTER TABLE users
  ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  ADD COLUMN phone text CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
  ADD COLUMN email_verified_at timestamptz,
  ADD COLUMN notify_email boolean NOT NULL DEFAULT true,
  ADD COLUMN notify_sms boolean NOT NULL DEFAULT false,
  ADD COLUMN notify_push boolean NOT NULL DEFAULT false;

-- Single-use tokens of the links identity sends by email. Only the SHA-256 of the token is kept, so
-- a copy of this table (a backup, a replica) opens no account. One row per user and purpose: asking
-- for a new link replaces the row, so the older link stops working and the table stays bounded.
CREATE TABLE email_tokens (
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose    text NOT NULL CHECK (purpose IN ('verify', 'reset')),
  token_hash bytea NOT NULL CHECK (length(token_hash) = 32),
  expires_at timestamptz NOT NULL,
  used_at    timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, purpose)
);

-- How a presented token is found.
CREATE UNIQUE INDEX email_tokens_token_hash_key ON email_tokens (token_hash);
