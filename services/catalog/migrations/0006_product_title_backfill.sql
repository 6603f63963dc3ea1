-- products.name → products.title, step 2 of 3 (backfill): every row gets its title, the column
-- becomes NOT NULL, and the search vector is computed from title. The code of this release reads
-- title (still writing both, for the release before it, which reads name and serves beside it until
-- this release's pods replace it). See the README's "Expand/contract: worked example".
SET LOCAL lock_timeout = '5s';

-- The search vector is generated from name, and the contract step drops name, so search must be built
-- from title first. PostgreSQL 15 cannot change a generated column's expression in place (SET
-- EXPRESSION came with 17, and rewrites the table too), so the column is dropped (its index with it)
-- and added again below. Dropping it first spares the backfill recomputing every row's vector and
-- updating the GIN index. Every release queries `search` by that name, so none notices the swap.
ALTER TABLE products DROP COLUMN search;

-- One statement rather than batches: the migration runner applies a migration in one transaction, so
-- batches inside it would hold their row locks to the end all the same, and the column re-added below
-- rewrites the table under its exclusive lock anyway. What that costs: the demo's 300 products, a few
-- milliseconds; 100,000 products (500-character descriptions) took 19 s for this whole file on a busy
-- 2-core machine, 13 s of them computing the new search vectors, with catalog's reads of products
-- waiting meanwhile. A catalog that large would do it otherwise: fill `title` from a job that commits
-- batch by batch (... WHERE id IN (SELECT id FROM products WHERE title IS NULL LIMIT 5000)) before
-- this release, and turn `search` into a plain column kept by a trigger (DROP EXPRESSION keeps its
-- values without a rewrite) instead of adding it again.
UPDATE products SET title = name WHERE title IS NULL;

ALTER TABLE products VALIDATE CONSTRAINT products_title_check;
ALTER TABLE products ALTER COLUMN title SET NOT NULL;

ALTER TABLE products ADD COLUMN search tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', description), 'B')
) STORED;
CREATE INDEX products_search_idx ON products USING gin (search) WHERE status = 'active';
