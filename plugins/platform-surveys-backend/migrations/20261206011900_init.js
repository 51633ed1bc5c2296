/*
 * Pulse surveys. A response is keyed by a keyed hash of its respondent
 * (HMAC, per survey and round), never by a user ref, and carries no time:
 * nothing in these tables says who answered or when. Each answer row
 * repeats its response's team so results group by team in one query.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('surveys', table => {
    table.comment('Pulse surveys defined by the platform team');
    table.string('id', 36).primary();
    table.string('title', 200).notNullable();
    table.text('description').notNullable();
    table.text('questions').notNullable().comment('JSON: SurveyQuestion[]');
    table.text('audience').notNullable().comment('JSON: SurveyAudience');
    table.timestamp('opens_at', { useTz: true }).notNullable();
    table.timestamp('closes_at', { useTz: true }).notNullable();
    table
      .integer('round_count')
      .notNullable()
      .comment('1, or the rounds of a quarterly survey');
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('survey_responses', table => {
    table.comment('One row per respondent and round; no user ref, no time');
    table
      .string('survey_id', 36)
      .notNullable()
      .references('id')
      .inTable('surveys')
      .onDelete('CASCADE');
    table.integer('round').notNullable();
    table
      .string('respondent_hash', 64)
      .notNullable()
      .comment('HMAC-SHA256 of survey, round and user ref');
    table.string('team', 255).nullable();
    table.primary(['survey_id', 'round', 'respondent_hash']);
    table.index(['survey_id', 'round', 'team']);
  });

  await knex.schema.createTable('survey_answers', table => {
    table.comment('The answers of a response, one row per question');
    table.string('survey_id', 36).notNullable();
    table.integer('round').notNullable();
    table.string('respondent_hash', 64).notNullable();
    table.string('question_id', 8).notNullable();
    table.string('team', 255).nullable();
    table.integer('value_number').nullable();
    table.text('value_text').nullable();
    table.primary(['survey_id', 'round', 'respondent_hash', 'question_id']);
    table
      .foreign(['survey_id', 'round', 'respondent_hash'])
      .references(['survey_id', 'round', 'respondent_hash'])
      .inTable('survey_responses')
      .onDelete('CASCADE');
    table.index(['survey_id', 'round', 'question_id', 'team']);
  });

  await knex.schema.createTable('survey_round_notifications', table => {
    table.comment('Rounds whose audience was told they opened');
    table.string('survey_id', 36).notNullable();
    table.integer('round').notNullable();
    table.timestamp('sent_at', { useTz: true }).notNullable();
    table.primary(['survey_id', 'round']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('survey_round_notifications');
  await knex.schema.dropTable('survey_answers');
  await knex.schema.dropTable('survey_responses');
  await knex.schema.dropTable('surveys');
};
