-- Interop Kit schema v7: companies run themselves. Employee ids are the company's own (unique per corp, so two
-- companies may both have a "lin"), API keys carry a scope, and a company sets its brand.

-- Every reference to an employee goes through (corp_id, id). The old single-column keys go first.
ALTER TABLE employees DROP CONSTRAINT employees_successor_id_fkey;
ALTER TABLE customers DROP CONSTRAINT customers_assigned_employee_id_fkey;
ALTER TABLE conversations DROP CONSTRAINT conversations_assigned_employee_id_fkey;
ALTER TABLE conversation_transfers DROP CONSTRAINT conversation_transfers_from_employee_id_fkey;
ALTER TABLE conversation_transfers DROP CONSTRAINT conversation_transfers_to_employee_id_fkey;
ALTER TABLE conversation_transfers DROP CONSTRAINT conversation_transfers_by_employee_id_fkey;
ALTER TABLE todos DROP CONSTRAINT todos_employee_id_fkey;
ALTER TABLE api_keys DROP CONSTRAINT api_keys_created_by_fkey;
ALTER TABLE employees DROP CONSTRAINT employees_pkey;
ALTER TABLE employees ADD PRIMARY KEY (corp_id, id);
DROP INDEX employees_corp;

ALTER TABLE employees ADD FOREIGN KEY (corp_id, successor_id) REFERENCES employees(corp_id, id);
ALTER TABLE customers ADD FOREIGN KEY (corp_id, assigned_employee_id) REFERENCES employees(corp_id, id);
ALTER TABLE conversations ADD FOREIGN KEY (corp_id, assigned_employee_id) REFERENCES employees(corp_id, id);
ALTER TABLE conversation_transfers ADD FOREIGN KEY (corp_id, from_employee_id) REFERENCES employees(corp_id, id);
ALTER TABLE conversation_transfers ADD FOREIGN KEY (corp_id, to_employee_id) REFERENCES employees(corp_id, id);
-- NULL: the company's own systems or its operator did it (a deactivation through the API or the CLI).
ALTER TABLE conversation_transfers ALTER COLUMN by_employee_id DROP NOT NULL;
ALTER TABLE conversation_transfers ADD FOREIGN KEY (corp_id, by_employee_id) REFERENCES employees(corp_id, id);
ALTER TABLE todos ADD FOREIGN KEY (corp_id, employee_id) REFERENCES employees(corp_id, id);
ALTER TABLE api_keys ADD FOREIGN KEY (corp_id, created_by) REFERENCES employees(corp_id, id);
DROP INDEX todos_employee;
CREATE INDEX todos_employee ON todos(corp_id, employee_id, done_at, due_at);

-- A deactivated employee (directory sync, the CLI) has left like a departure, with a successor or none.
ALTER TABLE employees ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- read: GET only; write: also change customers, employees, products and messages, and mint employee sessions;
-- admin: also the company's settings, origins, webhooks and keys. Keys made before scopes could do everything.
ALTER TABLE api_keys ADD COLUMN scope text NOT NULL DEFAULT 'admin' CHECK (scope IN ('read', 'write', 'admin'));
ALTER TABLE api_keys ALTER COLUMN scope DROP DEFAULT;

-- The company's brand, shown by the chat window and the cards.
ALTER TABLE corps ADD COLUMN accent_color text;
ALTER TABLE corps ADD COLUMN logo_url text;
