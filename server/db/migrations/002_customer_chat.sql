-- Interop Kit schema v2: what the customer chat needs beyond plain text.

-- Business hours: { "timezone": "Asia/Shanghai", "weekly": { "1": [["09:00","18:00"]], … } } (0 = Sunday); NULL = always open.
ALTER TABLE corps ADD COLUMN business_hours jsonb;
-- Pre-chat form: { "fields": ["name","email"], "consentText": "…" }; NULL = no form.
ALTER TABLE corps ADD COLUMN prechat jsonb;

-- When the customer agreed to talk with the company (the pre-chat form's consent box).
ALTER TABLE customers ADD COLUMN consent_at timestamptz;

-- Delivery receipts: the highest seq each side's devices have received.
ALTER TABLE conversations ADD COLUMN customer_delivered_seq integer NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN employee_delivered_seq integer NOT NULL DEFAULT 0;
-- What the conversation started about (a product page's "contact sales about this item").
ALTER TABLE conversations ADD COLUMN context jsonb;
-- The customer's satisfaction rating once the conversation was closed.
ALTER TABLE conversations ADD COLUMN rating_score smallint CHECK (rating_score BETWEEN 1 AND 5);
ALTER TABLE conversations ADD COLUMN rating_comment text;

-- Files and images sent in conversations, kept in the database so every node of a scaled-out backend serves them.
CREATE TABLE uploads (
  id uuid PRIMARY KEY,
  corp_id text NOT NULL REFERENCES corps(id),
  uploader_kind text NOT NULL CHECK (uploader_kind IN ('customer', 'employee')),
  uploader_id text NOT NULL,
  name text NOT NULL,
  mime text NOT NULL,
  size integer NOT NULL,
  data bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX uploads_uploader ON uploads(corp_id, uploader_id);
