-- What inventory keeps of catalog's product beside its stock, and stock items retired by the orphan
-- cleanup.

-- The product's name, copied from catalog's product.created (its version 1) and product.updated (its
-- `version`), so the operators' stock list names the product without asking catalog. The copy
-- follows the source: an event is applied only when its version is newer than the copy's, so a late
-- or repeated delivery never brings an old name back. Null until catalog's first event arrives.
ALTER TABLE stock_items
  ADD COLUMN product_name text CHECK (length(product_name) BETWEEN 1 AND 200),
  ADD COLUMN product_version bigint CHECK (product_version >= 1),
  -- Set by the orphan cleanup when catalog no longer has the item's product (services/inventory/
  -- src/orphans): the item leaves the cleanup's scan and says why in the list; nothing is erased (the
  -- ledger stays as it was) and an operator may still correct its count.
  ADD COLUMN archived_at timestamptz,
  ADD COLUMN archived_reason text CHECK (length(archived_reason) BETWEEN 1 AND 200),
  ADD CONSTRAINT stock_items_archived_with_reason CHECK ((archived_at IS NULL) = (archived_reason IS NULL));

-- The cleanup's scan: items that refer to a product and are not archived, in SKU order.
CREATE INDEX stock_items_product_refs ON stock_items (sku) WHERE product_id_ref IS NOT NULL AND archived_at IS NULL;
