/*
 * "Is any of this demo data?" is asked with every DORA answer. Without an
 * index it read every deployment row of both windows (about 300 ms at a
 * million deployments); this partial index holds only demo rows, so the
 * answer is immediate, and empty in production.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.raw(
    'CREATE INDEX kpi_deployments_demo_idx ON kpi_deployments (finished_at) WHERE demo = 1',
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.raw('DROP INDEX kpi_deployments_demo_idx');
};
