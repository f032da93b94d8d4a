-- Interop Kit schema v4: the employee workbench and the company-owned customer record.

-- Admins manage the team (departures), quick replies and API keys; agents serve customers.
ALTER TABLE employees ADD COLUMN role text NOT NULL DEFAULT 'agent' CHECK (role IN ('agent', 'admin'));
ALTER TABLE employees ADD COLUMN departed_at timestamptz;
-- The demo corp's sales manager runs its team (new demo databases are seeded that way).
UPDATE employees SET role = 'admin' WHERE corp_id = 'acme' AND id = 'emp_lin';

-- What the company knows about a customer, kept by any employee (not by the one who happens to serve them).
ALTER TABLE customers ADD COLUMN tags text[] NOT NULL DEFAULT '{}';
ALTER TABLE customers ADD COLUMN notes text NOT NULL DEFAULT '';

-- For the workbench figures: whether the customer spoke last and waits for an answer, and response times.
ALTER TABLE conversations ADD COLUMN awaiting_reply boolean NOT NULL DEFAULT false;
ALTER TABLE conversations ADD COLUMN first_customer_message_at timestamptz;
ALTER TABLE conversations ADD COLUMN first_response_at timestamptz;
CREATE INDEX conversations_corp_assignee ON conversations(corp_id, assigned_employee_id, updated_at DESC);

-- Every change of hands, with the note the colleague left; visible to employees only.
CREATE TABLE conversation_transfers (
  id uuid PRIMARY KEY,
  corp_id text NOT NULL REFERENCES corps(id),
  conversation_id uuid NOT NULL REFERENCES conversations(id),
  from_employee_id text REFERENCES employees(id),
  to_employee_id text NOT NULL REFERENCES employees(id),
  -- who did it: the colleague, or an admin handling a departure
  by_employee_id text NOT NULL REFERENCES employees(id),
  reason text NOT NULL CHECK (reason IN ('assign', 'transfer', 'departure')),
  note text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversation_transfers_conversation ON conversation_transfers(conversation_id, created_at);

-- Canned answers an employee inserts into the composer; one set per corp.
CREATE TABLE quick_replies (
  id uuid PRIMARY KEY,
  corp_id text NOT NULL REFERENCES corps(id),
  title text NOT NULL,
  text text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (corp_id, title)
);

-- An employee's "to be done", often made from a customer's message.
CREATE TABLE todos (
  id uuid PRIMARY KEY,
  corp_id text NOT NULL REFERENCES corps(id),
  employee_id text NOT NULL REFERENCES employees(id),
  conversation_id uuid REFERENCES conversations(id),
  message_id uuid REFERENCES messages(id),
  text text NOT NULL,
  due_at timestamptz,
  done_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX todos_employee ON todos(employee_id, done_at, due_at);
