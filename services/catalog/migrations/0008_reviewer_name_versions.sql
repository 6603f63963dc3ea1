-- The reviewer's name copy is ordered by the user's version (identity raises it with every change,
-- under the user's row lock, and sends it in user.registered and user.updated), not only by the
-- event's time: two changes stamped in the same millisecond, or by two identity replicas whose clocks
-- disagree, are then still applied newest last. Null for copies written by an event without one; those
-- fall back to the time, as before.
ALTER TABLE reviewer_names ADD COLUMN version bigint CHECK (version >= 1);
