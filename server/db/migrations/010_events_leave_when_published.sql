-- Interop Kit schema v10: an event leaves the outbox once it is published. Marking it published rewrote the row (a
-- new version of its payload, new index entries: as much work as writing it) and kept it a week; under a few thousand
-- messages a second that rewrite took the database's time from the sends. The publisher now deletes the events it
-- has turned into deliveries, each of which keeps its own copy of the payload.
DELETE FROM events WHERE published_at IS NOT NULL;
-- Its two partial indexes (unpublished, published) go with the column.
ALTER TABLE events DROP COLUMN published_at;
CREATE INDEX events_created ON events(created_at);
