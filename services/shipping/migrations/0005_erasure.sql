-- Deleted users (identity's user.deleted). A shipment's recipient may now be blank: a deleted user's
-- finished shipments keep their ids, items, statuses and country (the books, the couriers' history)
-- without the name, the address or the geocoded point.
ALTER TABLE shipments DROP CONSTRAINT shipments_recipient_name_check;
ALTER TABLE shipments ADD CONSTRAINT shipments_recipient_name_check CHECK (length(recipient_name) <= 200);
ALTER TABLE shipments DROP CONSTRAINT shipments_line1_check;
ALTER TABLE shipments ADD CONSTRAINT shipments_line1_check CHECK (length(line1) <= 200);
ALTER TABLE shipments DROP CONSTRAINT shipments_city_check;
ALTER TABLE shipments ADD CONSTRAINT shipments_city_check CHECK (length(city) <= 100);
ALTER TABLE shipments DROP CONSTRAINT shipments_postal_code_check;
ALTER TABLE shipments ADD CONSTRAINT shipments_postal_code_check CHECK (length(postal_code) <= 20);

-- The users shipping has been told were deleted. A parcel still on its way keeps the address the
-- courier needs; the trigger below blanks it the moment the shipment ends (delivered, returned,
-- cancelled, failed), whichever code path ends it.
CREATE TABLE erased_users (
  user_id_ref uuid PRIMARY KEY,
  deleted_at  timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION blank_recipient() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM erased_users WHERE user_id_ref = NEW.user_id_ref) THEN
    NEW.recipient_name := ''; NEW.line1 := ''; NEW.line2 := NULL; NEW.city := ''; NEW.state := NULL;
    NEW.postal_code := ''; NEW.latitude := NULL; NEW.longitude := NULL;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER shipments_blank_erased_recipient
  BEFORE UPDATE OF status ON shipments
  FOR EACH ROW
  WHEN (NEW.status IN ('delivered', 'returned', 'cancelled', 'failed') AND OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION blank_recipient();
