-- The ES256 key pairs access tokens are signed with. The newest key that is not retired signs;
-- every key that is not retired is published in /.well-known/jwks.json so tokens signed just before
-- a rotation still verify. Only identity's own role can read this database, which is what keeps the
-- private halves private.
CREATE TABLE signing_keys (
  kid         text PRIMARY KEY,
  algorithm   text NOT NULL DEFAULT 'ES256' CHECK (algorithm = 'ES256'),
  public_jwk  jsonb NOT NULL,
  private_jwk jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  retired_at  timestamptz
);

CREATE INDEX signing_keys_active_idx ON signing_keys (created_at DESC) WHERE retired_at IS NULL;
