-- Interop Kit schema v1: tenants, people, conversations, messages, catalog.

CREATE TABLE server_settings (
  key text PRIMARY KEY,
  value text NOT NULL
);

CREATE TABLE corps (
  id text PRIMARY KEY,
  name text NOT NULL,
  -- shared with the company's own backend, which signs verified user ids with it
  secret text NOT NULL,
  allowed_origins text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE employees (
  id text PRIMARY KEY,
  corp_id text NOT NULL REFERENCES corps(id),
  name text NOT NULL,
  title text,
  avatar_url text,
  phone text,
  email text,
  bio text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'departed')),
  successor_id text REFERENCES employees(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX employees_corp ON employees(corp_id);

CREATE TABLE customers (
  id uuid PRIMARY KEY,
  corp_id text NOT NULL REFERENCES corps(id),
  -- sha256 of the anonymous visitor key kept by the browser; the key itself is never stored
  anon_key_hash text UNIQUE,
  -- the company's own user id, present once verified with the corp secret
  external_id text,
  name text,
  email text,
  phone text,
  assigned_employee_id text REFERENCES employees(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (corp_id, external_id)
);

CREATE TABLE conversations (
  id uuid PRIMARY KEY,
  corp_id text NOT NULL REFERENCES corps(id),
  customer_id uuid NOT NULL REFERENCES customers(id),
  assigned_employee_id text REFERENCES employees(id),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'closed')),
  subject text,
  last_seq integer NOT NULL DEFAULT 0,
  last_message_preview text,
  last_message_at timestamptz,
  customer_read_seq integer NOT NULL DEFAULT 0,
  employee_read_seq integer NOT NULL DEFAULT 0,
  customer_unread integer NOT NULL DEFAULT 0,
  employee_unread integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversations_corp_recent ON conversations(corp_id, updated_at DESC);
CREATE INDEX conversations_customer_recent ON conversations(customer_id, updated_at DESC);

CREATE TABLE messages (
  id uuid PRIMARY KEY,
  corp_id text NOT NULL REFERENCES corps(id),
  conversation_id uuid NOT NULL REFERENCES conversations(id),
  seq integer NOT NULL,
  client_id uuid,
  sender_kind text NOT NULL CHECK (sender_kind IN ('customer', 'employee', 'system')),
  sender_id text,
  sender_name text,
  kind text NOT NULL,
  body jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (conversation_id, seq),
  UNIQUE (conversation_id, client_id)
);

CREATE TABLE products (
  corp_id text NOT NULL REFERENCES corps(id),
  id text NOT NULL,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  image_url text,
  price_minor bigint NOT NULL CHECK (price_minor >= 0),
  currency char(3) NOT NULL,
  page_path text NOT NULL,
  available boolean NOT NULL DEFAULT true,
  PRIMARY KEY (corp_id, id)
);
