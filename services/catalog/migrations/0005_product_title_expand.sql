-- products.name becomes products.title, in three releases (expand, backfill, contract); this is the
-- expand step. See the README's "Expand/contract: worked example".
--
-- Why: the product feeds catalog is to export (Google Merchant Center, marketplaces) and the sellers'
-- tools call a listing's heading its title, and the data product publishes `products` beside
-- `categories`, whose label is also `name`: every reader joining the two (revenue by category) has to
-- tell two `name` columns apart. Only the column changes: the HTTP API and the events keep `name`,
-- so no consumer notices.
--
-- Adding a nullable column with no default changes the catalog only (no rewrite, no scan): the table
-- lock is held for an instant. lock_timeout makes the migration give up, and the Job retry, rather than
-- queue behind a long transaction with every later query of products queued behind it.
SET LOCAL lock_timeout = '5s';

ALTER TABLE products ADD COLUMN title text;
-- NOT VALID: checked for every row written from now on, without scanning the table under the lock;
-- the backfill step validates it.
ALTER TABLE products ADD CONSTRAINT products_title_check CHECK (length(title) BETWEEN 1 AND 200) NOT VALID;

-- Until the contract step, two releases of catalog run side by side on this table, and one of them
-- writes only one of the columns: the release before this one writes only `name` (it is still serving
-- while this migration runs), the release of the contract step writes only `title` (it serves beside
-- the release before it until the contract migration runs). This trigger copies the column a writer
-- left out from the one it set, so every row has both, the same, whoever wrote it. Releases 1 and 2
-- write both themselves; the trigger then changes nothing.
CREATE FUNCTION products_title_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.title := COALESCE(NEW.title, NEW.name);
    NEW.name := COALESCE(NEW.name, NEW.title);
  ELSIF NEW.name IS DISTINCT FROM OLD.name AND NEW.title IS NOT DISTINCT FROM OLD.title THEN
    NEW.title := NEW.name;
  ELSIF NEW.title IS DISTINCT FROM OLD.title AND NEW.name IS NOT DISTINCT FROM OLD.name THEN
    NEW.name := NEW.title;
  ELSE
    -- Any other update (a review's rating, a price) of a row written before this migration gives it
    -- its title on the way.
    NEW.title := COALESCE(NEW.title, NEW.name);
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER products_title_sync BEFORE INSERT OR UPDATE ON products
  FOR EACH ROW EXECUTE FUNCTION products_title_sync();
