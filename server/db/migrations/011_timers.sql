-- Interop Kit schema v11: timers that exactly one node acts on. Each kind of timed work (the sandbox settling and
-- expiring its payments, orders past their time) has a lease here; the node holding it does that work, renews it
-- while it lives, and another node takes it over once a dead holder's lease has run out.
CREATE TABLE leases (
  name text PRIMARY KEY,
  holder text NOT NULL,
  expires_at timestamptz NOT NULL
);

-- What those sweeps look for, kept small: only payments and orders still waiting on time.
CREATE INDEX sandbox_payments_waiting ON sandbox_payments (expires_at)
  WHERE status IN ('requires_action', 'authenticating', 'processing');
CREATE INDEX orders_waiting ON orders (expires_at)
  WHERE status IN ('creating', 'requires_action', 'processing');
