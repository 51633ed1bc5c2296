/*
 * SLA warnings to the platform team: one row per request, clock (triage or
 * resolve) and threshold (80 or 100 %) that was warned about. The primary
 * key is what makes the warning go out once: the check claims a row with an
 * insert that ignores conflicts and sends only when its insert landed, so
 * two replicas (or two runs) cannot both send.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sla_alerts', table => {
    table.comment('SLA warnings sent, one per request, clock and threshold');
    table
      .integer('request_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('requests')
      .onDelete('CASCADE');
    table.string('clock', 16).notNullable();
    table.integer('threshold').notNullable();
    table.timestamp('sent_at', { useTz: true }).notNullable();
    table.primary(['request_id', 'clock', 'threshold']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sla_alerts');
};
