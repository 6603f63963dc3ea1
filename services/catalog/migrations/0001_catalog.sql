-- Catalog's tables (seed 002's CATEGORY, PRODUCT, PRODUCT_IMAGE, PRODUCT_REVIEW), less the product's
-- stock quantity: stock belongs to inventory, and catalog keeps only a copy of it (product_availability).

-- A tree: each category has at most one parent. A category's parent never changes after it is made,
-- so no cycle can form.
CREATE TABLE categories (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug               text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 80),
  name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  parent_category_id uuid REFERENCES categories (id),
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX categories_parent_idx ON categories (parent_category_id);

-- Timestamps that appear in pagination cursors are kept to the millisecond, so that the value a client
-- carries back in a cursor (a JavaScript date) is exactly the stored one.
CREATE TABLE products (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  sku             text NOT NULL UNIQUE CHECK (sku ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$' AND length(sku) BETWEEN 3 AND 40),
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description     text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
  price_minor     bigint NOT NULL CHECK (price_minor >= 0),
  currency        text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  category_id     uuid NOT NULL REFERENCES categories (id),
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'discontinued')),
  -- Incremented by every change announced as product.updated or product.discontinued, so that
  -- consumers of those events can ignore one that arrives after a newer one.
  version         integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  -- Kept in step with product_reviews in the transaction that adds a review, so that sorting by rating
  -- is an index scan rather than an aggregate over every review.
  rating_sum      integer NOT NULL DEFAULT 0 CHECK (rating_sum >= 0),
  review_count    integer NOT NULL DEFAULT 0 CHECK (review_count >= 0),
  rating_avg      numeric(3, 2) GENERATED ALWAYS AS (
                    CASE WHEN review_count = 0 THEN 0 ELSE round(rating_sum::numeric / review_count, 2) END
                  ) STORED,
  search          tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english', name), 'A') || setweight(to_tsvector('english', description), 'B')
                  ) STORED,
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  updated_at      timestamptz(3) NOT NULL DEFAULT now(),
  discontinued_at timestamptz(3),
  CHECK ((status = 'discontinued') = (discontinued_at IS NOT NULL))
);

-- Listings show active products only, so each index covers just those. Each sort is served by one
-- index in its own order, so a page (first or deep) is a keyset index scan that stops after `limit`.
CREATE INDEX products_newest_idx ON products (created_at DESC, id DESC) WHERE status = 'active';
-- Scanned forward for price_asc and backward for price_desc; also serves price ranges.
CREATE INDEX products_price_idx ON products (price_minor, id) WHERE status = 'active';
CREATE INDEX products_rating_idx ON products (rating_avg DESC, id DESC) WHERE status = 'active';
CREATE INDEX products_search_idx ON products USING gin (search) WHERE status = 'active';
CREATE INDEX products_category_idx ON products (category_id);
-- Catalog's queries read a page, or rank the matches of a search: starting parallel workers for them
-- costs more than it saves and, under load, takes cores from other requests (it tripled the p99 of
-- a ranked search over 1M products in the benchmark).
ALTER TABLE products SET (parallel_workers = 0);

CREATE TABLE product_images (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  product_id    uuid NOT NULL REFERENCES products (id),
  image_url     text NOT NULL CHECK (length(image_url) BETWEEN 1 AND 2000),
  alt           text NOT NULL DEFAULT '' CHECK (length(alt) <= 300),
  display_order integer NOT NULL CHECK (display_order >= 0),
  UNIQUE (product_id, display_order)
);

CREATE TABLE product_reviews (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  product_id  uuid NOT NULL REFERENCES products (id),
  -- identity's user id: no foreign key crosses a service.
  user_id_ref uuid NOT NULL,
  rating      smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment     text NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT product_reviews_one_per_user UNIQUE (product_id, user_id_ref)
);
CREATE INDEX product_reviews_newest_idx ON product_reviews (product_id, created_at DESC, id DESC);

-- A copy of inventory's stock, by SKU, fed by its stock.changed events. `version` is inventory's: an
-- event older than the row's version is ignored, so late or repeated deliveries never go back in time.
-- Keyed by SKU rather than product id, so an event that arrives before the product is created is kept.
CREATE TABLE product_availability (
  sku        text PRIMARY KEY,
  available  integer NOT NULL,
  version    bigint NOT NULL,
  updated_at timestamptz NOT NULL
);
