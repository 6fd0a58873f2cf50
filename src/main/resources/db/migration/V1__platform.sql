-- Operators who sign in to the API and console; the bootstrap admin is kept here so that a
-- generated password survives restarts.
CREATE TABLE operator_account (
    username      text PRIMARY KEY,
    password_hash text        NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
