-- The trace a message belongs to: the W3C traceparent of the span that handled its event, written
-- with the row so that the job added for it (now, after Redis lost it, or on an admin's retry) and
-- every try at sending it continue the trace of what caused it. Null for messages recorded before.
ALTER TABLE notifications ADD COLUMN traceparent text;
