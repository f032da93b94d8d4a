-- Interop Kit schema v3: orders, provider notifications, and the built-in sandbox payment provider.

CREATE TABLE orders (
  id uuid PRIMARY KEY,
  corp_id text NOT NULL REFERENCES corps(id),
  customer_id uuid NOT NULL REFERENCES customers(id),
  conversation_id uuid REFERENCES conversations(id),
  -- One purchase intent of one customer: a repeated key returns this order instead of making another.
  idempotency_key uuid NOT NULL,
  product_id text NOT NULL,
  product_title text NOT NULL,
  quantity integer NOT NULL CHECK (quantity > 0),
  unit_price_minor bigint NOT NULL CHECK (unit_price_minor >= 0),
  amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
  currency char(3) NOT NULL,
  provider text NOT NULL,
  provider_ref text,
  status text NOT NULL CHECK (status IN ('creating', 'requires_action', 'processing', 'succeeded', 'failed', 'canceled', 'expired', 'refunded')),
  next_action jsonb,
  failure_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  UNIQUE (corp_id, customer_id, idempotency_key),
  UNIQUE (provider, provider_ref)
);
CREATE INDEX orders_corp_created ON orders(corp_id, created_at DESC);
CREATE INDEX orders_customer_created ON orders(customer_id, created_at DESC);

-- Every provider notification applied, by its event id: a replayed or re-delivered one changes nothing.
CREATE TABLE payment_events (
  provider text NOT NULL,
  event_id text NOT NULL,
  order_id uuid REFERENCES orders(id),
  status text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider, event_id)
);

-- The sandbox provider's own books, as an outside payment service would keep them.
CREATE TABLE sandbox_payments (
  id uuid PRIMARY KEY,
  merchant_ref text NOT NULL,
  amount_minor bigint NOT NULL,
  currency char(3) NOT NULL,
  description text NOT NULL,
  status text NOT NULL CHECK (status IN ('requires_action', 'authenticating', 'processing', 'succeeded', 'failed', 'canceled', 'expired', 'refunded')),
  failure_reason text,
  -- "processing" payments settle at this time (the test card that stays processing, then succeeds).
  settles_at timestamptz,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
