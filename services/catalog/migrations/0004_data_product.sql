-- Catalog's data product: the tables it chooses to publish for change data capture. Analytics reads
-- them by logical replication (pgoutput) into its warehouse, as the dimensions its order facts join
-- (revenue by category), with a replication-only role that provisioning gives SELECT on exactly the
-- tables listed here and nothing else. Adding a table here publishes it: it is part of catalog's
-- contract from then on, like an event.
--
-- Generated columns (products.rating_avg, products.search) are not sent: PostgreSQL 15's pgoutput
-- never sends them (and later versions only when the publication asks for them). A reader recomputes
-- what it needs from the columns they derive from.
CREATE PUBLICATION data_product FOR TABLE categories, products;
