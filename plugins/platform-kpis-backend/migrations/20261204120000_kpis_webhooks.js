/*
 * Signed webhooks (GitHub, GitLab, PagerDuty): each delivery's id once, so a
 * redelivery is answered "duplicate" without touching the events; and the
 * events no component claims yet, kept until one does.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('kpi_webhook_deliveries', table => {
    table.comment('One row per webhook delivery id, per source.');
    table.string('source', 32).notNullable();
    table.string('delivery_id', 200).notNullable();
    table.bigInteger('received_at').notNullable();
    table
      .string('outcome', 16)
      .notNullable()
      .comment('accepted, unmatched or ignored');
    table.primary(['source', 'delivery_id']);
  });
  await knex.schema.createTable('kpi_unmatched_webhook_events', table => {
    table.comment(
      'Events for a repository or service no component claims yet; applied and deleted once one does.',
    );
    table.string('source', 32).notNullable();
    table
      .string('claim_value', 255)
      .notNullable()
      .comment('The annotation value that would claim it, lowercased');
    table.string('annotation', 100).notNullable();
    table.string('event_type', 16).notNullable();
    table.string('event_id', 200).notNullable();
    table.text('event').notNullable().comment('The event as JSON');
    table
      .integer('resolves')
      .notNullable()
      .defaultTo(0)
      .comment(
        '1 for a resolved incident: a later open copy does not replace it',
      );
    table.bigInteger('first_seen').notNullable();
    table.bigInteger('last_seen').notNullable();
    table.primary(['source', 'claim_value', 'event_type', 'event_id']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('kpi_unmatched_webhook_events');
  await knex.schema.dropTable('kpi_webhook_deliveries');
};
