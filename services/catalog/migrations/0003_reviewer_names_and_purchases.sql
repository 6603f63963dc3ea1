-- What reviews show of their authors, kept from other services' events: catalog never reads their
-- databases. Reviews name their author by a display name, and are marked when the author bought the
-- product (a verified purchase).

-- Reviewers' display names ("Ana P."), from identity's user.registered and user.updated. Only the
-- name a review shows is kept, not the email or the full last name. `updated_at` is the time of the
-- event that set the name: an older event (a late retry, a registration after an update) never
-- replaces a newer name. A null name is a user with none to show (the reviews show the fallback).
CREATE TABLE reviewer_names (
  user_id_ref  uuid PRIMARY KEY,
  display_name text CHECK (length(display_name) BETWEEN 1 AND 120),
  updated_at   timestamptz NOT NULL
);

-- Orders as far as reviews need them, from orders' order.placed (pending), order.confirmed (verified)
-- and order.cancelled or order.rejected (void: no purchase). An order only moves forward through
-- these stages (a confirmed order may still be cancelled, never the other way), so the copy keeps the
-- furthest stage seen and events that arrive out of order cannot take it back. A confirmation that
-- arrives before its order.placed is kept: the order's products come with order.placed.
CREATE TABLE purchases (
  order_id_ref uuid PRIMARY KEY,
  user_id_ref  uuid NOT NULL,
  status       text NOT NULL CHECK (status IN ('pending', 'verified', 'void')),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
-- A review's mark looks up its author's verified orders, then whether one holds the product.
CREATE INDEX purchases_verified_idx ON purchases (user_id_ref) WHERE status = 'verified';

-- The products of each order (order.placed's items); product ids are catalog's own.
CREATE TABLE purchase_items (
  order_id_ref   uuid NOT NULL REFERENCES purchases (order_id_ref),
  product_id_ref uuid NOT NULL,
  PRIMARY KEY (order_id_ref, product_id_ref)
);
