-- Interop Kit schema v6: the event outbox. A change records what happened (a message, a new customer, an order
-- update) as a row here in its own transaction; consumers (the CRM's webhook deliveries) read these rows. Stores
-- no longer write webhook deliveries themselves.

CREATE TABLE events (
  id uuid PRIMARY KEY,
  corp_id text NOT NULL REFERENCES corps(id),
  type text NOT NULL,
  -- the event as webhook receivers get it: { id, type, createdAt, corpId, data }
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- set once the CRM dispatcher has written this event's webhook deliveries
  published_at timestamptz
);
CREATE INDEX events_unpublished ON events(created_at) WHERE published_at IS NULL;
CREATE INDEX events_published ON events(published_at) WHERE published_at IS NOT NULL;
