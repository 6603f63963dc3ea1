-- products.name → products.title, step 3 of 3 (contract): name and the trigger that kept it in step
-- go. See the README's "Expand/contract: worked example".
--
-- Safe only once no release 2 process remains: release 2 still writes name, and its statements fail
-- once the column is gone. Release 3's code no longer reads or writes name and declares that it does
-- not need this migration (src/products/product-title.ts), so its pods turn ready on 0006 and replace
-- release 2's; only then does this migration run (the README says how a rollout orders it).
-- Dropping a column changes the catalog only (no rewrite): the table lock is held for an instant.
SET LOCAL lock_timeout = '5s';

DROP TRIGGER products_title_sync ON products;
DROP FUNCTION products_title_sync();
-- Its length check goes with it; title has its own (products_title_check, validated in 0006).
ALTER TABLE products DROP COLUMN name;
