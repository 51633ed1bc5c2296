/*
 * The rating after a golden-path run: one row per run, keyed by a keyed
 * hash of the scaffolder task id (so the table cannot be joined with the
 * scaffolder's tasks, which name who ran them), with the template, the
 * score and only the month it was given.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('golden_path_ratings', table => {
    table.comment('"How was it?" after a golden-path run; no task id, no user');
    table
      .string('run_hash', 64)
      .primary()
      .comment('HMAC-SHA256 of the scaffolder task id');
    table.string('template_ref', 255).notNullable();
    table.integer('score').notNullable();
    table.string('rated_month', 7).notNullable().comment('YYYY-MM, UTC');
    table.index(['template_ref']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('golden_path_ratings');
};
