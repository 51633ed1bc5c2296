-- The first migration: an example table to show the pattern. Replace it with
-- your own tables, or keep it and add 0002_..., 0003_... next to it.
-- Each file runs once, inside a transaction (see src/db/migrate.ts).
CREATE TABLE greetings (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX greetings_created_at_idx ON greetings (created_at);
