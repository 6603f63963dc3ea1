-- Couriers sign in like everyone else; the courier role lets them use shipping's courier API
-- (shifts, live position, their deliveries). Operators grant and take it back (PUT /users/:id/role).
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('customer', 'admin', 'courier'));
