/*
 * When a request's current SLA clocks started: filing, or its last reopen.
 * Time to triage and to resolve count from here, so a request filed in
 * January and reopened in June is not five months late.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('kpi_request_facts', table => {
    table.bigInteger('opened_at').nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('kpi_request_facts', table => {
    table.dropColumn('opened_at');
  });
};
