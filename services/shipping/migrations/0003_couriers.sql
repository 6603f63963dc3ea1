-- Couriers (seed 001's "Driver Service: PostgreSQL + Redis Geospatial"): who may deliver, on what,
-- how many parcels at once, and whether they are working now. Their live positions are not here:
-- they change every few seconds and live in shipping's Redis keys (GEO), where a position that has
-- not been refreshed for a while stops counting.

CREATE TABLE couriers (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The identity user who signs in as this courier (a user with the courier role).
  user_id_ref     uuid NOT NULL UNIQUE,
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  vehicle         text NOT NULL CHECK (vehicle IN ('bicycle', 'cargo-bike', 'scooter', 'car', 'van')),
  -- Parcels carried at once.
  capacity        integer NOT NULL CHECK (capacity BETWEEN 1 AND 50),
  on_shift        boolean NOT NULL DEFAULT false,
  shift_changed_at timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Couriers listed for the operations console, oldest first, read by keyset.
CREATE INDEX couriers_by_creation ON couriers (created_at, id);
