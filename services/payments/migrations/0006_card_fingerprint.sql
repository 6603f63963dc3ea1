-- One payment method per card: saving a card a user has already saved (the same number and expiry)
-- answers with the method they have, instead of a second one beside it. A customer who reloads the
-- checkout and types their card again, or types it at each order, keeps one card in their list.
--
-- What says two cards are the same is the processor's fingerprint: a value its vault derives from the
-- card number (a keyed hash, the same for the same number within our account, useless elsewhere),
-- given back with the token, as real processors do. Payments never sees or keeps the number itself.
--
-- The table is small and the change is new columns, new index: the lock is held for an instant;
-- lock_timeout makes the migration give up rather than queue behind a long transaction. (On a large
-- table the index would be built CONCURRENTLY, outside a transaction, in a migration of its own.)
SET LOCAL lock_timeout = '5s';

-- Null for the methods saved before fingerprints: they are never matched (each stays as it was).
ALTER TABLE payment_methods ADD COLUMN card_fingerprint text CHECK (length(card_fingerprint) <= 200);
CREATE UNIQUE INDEX payment_methods_one_per_card ON payment_methods (user_id_ref, card_fingerprint, exp_month, exp_year)
  WHERE card_fingerprint IS NOT NULL;

-- THE CARD PROCESSOR SIMULATOR'S STORAGE (see 0004): the key its vault derives fingerprints with,
-- made here once, random, so a fingerprint cannot be recomputed from a card number by anyone without
-- this database. One row.
CREATE TABLE card_simulator_account (
  only_row        boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  fingerprint_key bytea NOT NULL CHECK (length(fingerprint_key) = 32)
);
INSERT INTO card_simulator_account (fingerprint_key) VALUES (uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()));
