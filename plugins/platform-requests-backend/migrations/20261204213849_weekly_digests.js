/*
 * The weekly intake digest to the platform team: one row per week it was
 * sent for (the Monday that starts the week, UTC). The digest is claimed
 * with an insert that ignores conflicts before it is sent, so a rerun or a
 * second replica does not send it again.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('weekly_digests', table => {
    table.comment('Weekly intake digests sent, one per week');
    table.string('week', 10).primary();
    table.timestamp('sent_at', { useTz: true }).notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('weekly_digests');
};
