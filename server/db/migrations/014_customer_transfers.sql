-- Interop Kit schema v14: customer relationships change hands only as the customer allows.
-- The company's rules for it ({"windowHours": 24, "maxPerCustomer": 2, "periodDays": 90, "customerCapacity": null});
-- NULL: those defaults.
ALTER TABLE corps ADD COLUMN transfer_rules jsonb;
-- One customer's transfer from one employee to another: on the job (a colleague takes over) or after a departure.
-- Status as WeCom numbers it: 1 done, 2 waiting for the customer or the window, 3 refused, 4 taker at capacity.
CREATE TABLE customer_transfers (
  id uuid PRIMARY KEY,
  corp_id text NOT NULL REFERENCES corps(id),
  customer_id uuid NOT NULL REFERENCES customers(id),
  kind text NOT NULL CHECK (kind IN ('on_job', 'departure')),
  from_employee_id text NOT NULL,
  to_employee_id text NOT NULL,
  -- who started it; NULL: the company's own systems or its operator
  by_employee_id text,
  status smallint NOT NULL CHECK (status BETWEEN 1 AND 4),
  created_at timestamptz NOT NULL DEFAULT now(),
  takes_effect_at timestamptz NOT NULL,
  decided_at timestamptz,
  FOREIGN KEY (corp_id, from_employee_id) REFERENCES employees(corp_id, id),
  FOREIGN KEY (corp_id, to_employee_id) REFERENCES employees(corp_id, id),
  FOREIGN KEY (corp_id, by_employee_id) REFERENCES employees(corp_id, id)
);
CREATE INDEX customer_transfers_customer ON customer_transfers(customer_id, created_at);
-- The timer's work: waiting transfers whose window has passed.
CREATE INDEX customer_transfers_due ON customer_transfers(takes_effect_at) WHERE status = 2;
-- At most one transfer of a customer waits at a time.
CREATE UNIQUE INDEX customer_transfers_one_waiting ON customer_transfers(customer_id) WHERE status = 2;
