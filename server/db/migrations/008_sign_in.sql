-- Interop Kit schema v8: employees sign in for real. A company may name its OpenID Connect provider (single sign-on);
-- signing out ends every session an employee holds.

CREATE TABLE corp_sso (
  corp_id text PRIMARY KEY REFERENCES corps(id),
  -- what the workbench's "Sign in with …" button names
  display_name text NOT NULL,
  issuer text NOT NULL,
  client_id text NOT NULL,
  -- used to redeem codes at the provider's token endpoint; never leaves the backend
  client_secret text NOT NULL,
  -- the ID token claim whose value names the employee, and what it is compared with
  claim text NOT NULL,
  match_by text NOT NULL CHECK (match_by IN ('id', 'email')),
  -- an unknown but authenticated person becomes an agent on first sign-in
  create_employees boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Tokens carry the epoch they were minted in; signing out moves it on, so every earlier token is refused.
ALTER TABLE employees ADD COLUMN session_epoch integer NOT NULL DEFAULT 0;
CREATE INDEX employees_email ON employees(corp_id, lower(email));
