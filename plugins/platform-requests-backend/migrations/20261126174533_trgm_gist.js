/*
 * Similar-title suggestions ask for the few nearest titles. A GiST trigram
 * index answers that in index order (`ORDER BY title <-> $1 LIMIT 5`); the
 * GIN index of the first migration only filters, so PostgreSQL compared the
 * title with every open request. Only where pg_trgm is installed.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (knex.client.config.client !== 'pg') return;
  const { rows } = await knex.raw(
    "SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'",
  );
  if (rows.length === 0) return;
  await knex.raw(
    'CREATE INDEX IF NOT EXISTS requests_title_trgm_gist_idx ON requests USING GIST (title gist_trgm_ops)',
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw('DROP INDEX IF EXISTS requests_title_trgm_gist_idx');
};
