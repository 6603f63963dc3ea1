-- A user's preferences (seed 002's USER_PREFERENCE): one value per user and key.
CREATE TABLE user_preferences (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  preference_key   text NOT NULL CHECK (preference_key ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
  preference_value text NOT NULL CHECK (length(preference_value) <= 2000),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, preference_key)
);
