-- Interop Kit schema v5: the CRM API (corp-scoped API keys) and signed webhook deliveries.

CREATE TABLE api_keys (
  id uuid PRIMARY KEY,
  corp_id text NOT NULL REFERENCES corps(id),
  name text NOT NULL,
  -- sha256 of the whole key; the key itself is shown once, when it is made
  key_hash text NOT NULL UNIQUE,
  -- the key's first characters, so people can tell their keys apart
  prefix text NOT NULL,
  created_by text REFERENCES employees(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_keys_corp ON api_keys(corp_id);

CREATE TABLE webhook_subscriptions (
  id uuid PRIMARY KEY,
  corp_id text NOT NULL REFERENCES corps(id),
  url text NOT NULL,
  events text[] NOT NULL,
  -- signs every delivery (HMAC-SHA256); shown once, when the subscription is made
  secret text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX webhook_subscriptions_corp ON webhook_subscriptions(corp_id) WHERE deleted_at IS NULL;

-- One row per event and subscription, written in the same transaction as the change it reports, so an event is
-- never lost between the change and its delivery; retried with backoff until delivered or given up.
CREATE TABLE webhook_deliveries (
  id uuid PRIMARY KEY,
  subscription_id uuid NOT NULL REFERENCES webhook_subscriptions(id),
  event_id uuid NOT NULL,
  event_type text NOT NULL,
  payload jsonb NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_status integer,
  last_error text,
  delivered_at timestamptz,
  failed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(next_attempt_at) WHERE delivered_at IS NULL AND failed_at IS NULL;
