/*
 * Improvements: what the platform team does about requests. An improvement
 * answers requests (improvement_requests) and is made for teams and catalog
 * entities (improvement_scope; none = everyone), both in tables of their own
 * so that "improvements for this team / answering this request" are
 * indexed lookups on both databases. The key IMP-<n> is IMP-<id>.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('improvements', table => {
    table.comment('Improvements the platform team makes in answer to requests');
    table.increments('id');
    table.string('title', 255).notNullable();
    table.text('problem').notNullable().comment('Markdown');
    table.text('target_kpis').notNullable().comment('JSON array of KPI ids');
    table.string('status', 16).notNullable();
    table.text('drop_reason').nullable();
    table.string('planned_for', 10).nullable().comment('YYYY-MM-DD');
    table.timestamp('shipped_at', { useTz: true }).nullable();
    table.string('owner', 255).nullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.integer('version').notNullable();
    table.index(['status'], 'improvements_status_idx');
  });

  await knex.schema.createTable('improvement_requests', table => {
    table.comment('The requests an improvement answers');
    table
      .integer('improvement_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('improvements')
      .onDelete('CASCADE');
    table
      .integer('request_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('requests')
      .onDelete('CASCADE');
    table.primary(['improvement_id', 'request_id']);
    table.index(['request_id'], 'improvement_requests_request_idx');
  });

  await knex.schema.createTable('improvement_scope', table => {
    table.comment('Teams (kind team) and entities an improvement is for');
    table
      .integer('improvement_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('improvements')
      .onDelete('CASCADE');
    table.string('kind', 8).notNullable().comment('team | entity');
    table.string('entity_ref', 255).notNullable();
    table.primary(['improvement_id', 'kind', 'entity_ref']);
    table.index(['entity_ref'], 'improvement_scope_ref_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('improvement_scope');
  await knex.schema.dropTable('improvement_requests');
  await knex.schema.dropTable('improvements');
};
