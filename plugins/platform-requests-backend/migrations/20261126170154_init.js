/*
 * The platform-requests schema: requests and, around them, votes, watchers,
 * comments, related entities and the timeline. Runs on SQLite and PostgreSQL;
 * PostgreSQL also gets a full-text column and, where the pg_trgm extension
 * can be created, a trigram index for "similar titles".
 *
 * Timestamps are written as ISO-8601 UTC strings by the plugin, so that they
 * sort and compare the same way on both databases.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('requests', table => {
    table.comment('Platform requests. The key REQ-<n> is REQ-<id>.');
    table.increments('id');
    table.string('title', 255).notNullable();
    table.text('description').notNullable();
    table.string('category', 100).notNullable();
    table.string('urgency', 16).notNullable();
    table.integer('people_affected').notNullable();
    table.double('hours_lost_per_week').notNullable();
    table.string('requesting_team', 255).notNullable();
    table.text('tags').notNullable().comment('JSON array of strings');
    table.string('status', 16).notNullable();
    table.string('requester', 255).notNullable();
    table.string('assignee', 255).nullable();
    table
      .integer('duplicate_of')
      .unsigned()
      .nullable()
      .references('id')
      .inTable('requests');
    table.text('decline_reason').nullable();
    table
      .double('priority_score')
      .notNullable()
      .comment('For sorting; recomputed on each change and hourly for age');
    table.integer('vote_count').notNullable().defaultTo(0);
    table.integer('team_count').notNullable().defaultTo(0);
    table.integer('rating').nullable();
    table.text('rating_comment').nullable();
    table.timestamp('rated_at', { useTz: true }).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table
      .timestamp('opened_at', { useTz: true })
      .notNullable()
      .comment('Start of the SLA clocks: creation or the last reopening');
    table.timestamp('triaged_at', { useTz: true }).nullable();
    table.timestamp('resolved_at', { useTz: true }).nullable();
    table.integer('version').notNullable();

    table.index(['status'], 'requests_status_idx');
    table.index(['requester'], 'requests_requester_idx');
    table.index(['requesting_team'], 'requests_team_idx');
    table.index(['assignee'], 'requests_assignee_idx');
    table.index(['priority_score', 'id'], 'requests_priority_idx');
    table.index(['created_at', 'id'], 'requests_created_idx');
    table.index(['updated_at', 'id'], 'requests_updated_idx');
    table.index(['vote_count', 'id'], 'requests_votes_idx');
  });

  await knex.schema.createTable('request_entities', table => {
    table.comment('Catalog entities a request is about');
    table
      .integer('request_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('requests')
      .onDelete('CASCADE');
    table.string('entity_ref', 255).notNullable();
    table.primary(['request_id', 'entity_ref']);
    table.index(['entity_ref'], 'request_entities_ref_idx');
  });

  await knex.schema.createTable('votes', table => {
    table.comment('One vote per user and request, with the team of the voter');
    table
      .integer('request_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('requests')
      .onDelete('CASCADE');
    table.string('user_ref', 255).notNullable();
    table.string('team_ref', 255).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.primary(['request_id', 'user_ref']);
  });

  await knex.schema.createTable('watchers', table => {
    table.comment('Who is notified; opted_out keeps an explicit "stop"');
    table
      .integer('request_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('requests')
      .onDelete('CASCADE');
    table.string('user_ref', 255).notNullable();
    table.boolean('opted_out').notNullable().defaultTo(false);
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.primary(['request_id', 'user_ref']);
    table.index(['user_ref'], 'watchers_user_idx');
  });

  await knex.schema.createTable('comments', table => {
    table.increments('id');
    table
      .integer('request_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('requests')
      .onDelete('CASCADE');
    table.string('author', 255).notNullable();
    table.text('body').notNullable().comment('Markdown');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['request_id', 'id'], 'comments_request_idx');
  });

  await knex.schema.createTable('timeline', table => {
    table.comment('Every change of a request: who, when, what');
    table.increments('id');
    table
      .integer('request_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('requests')
      .onDelete('CASCADE');
    table.string('type', 32).notNullable();
    table.string('actor', 255).notNullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.text('comment').nullable();
    table.text('details').notNullable().comment('JSON object');
    table.index(['request_id', 'id'], 'timeline_request_idx');
  });

  if (knex.client.config.client === 'pg') {
    // Title weighs more than description in the ranking.
    await knex.raw(`
      ALTER TABLE requests ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (
          setweight(to_tsvector('english', title), 'A') ||
          setweight(to_tsvector('english', description), 'B')
        ) STORED`);
    await knex.raw(
      'CREATE INDEX requests_search_idx ON requests USING GIN (search_vector)',
    );
    await createTrigramIndex(knex);
  }
};

/**
 * pg_trgm is optional: managed databases may not offer it, or the user may
 * lack the right to create it. A savepoint keeps a refusal from aborting the
 * migration's transaction; the plugin then ranks suggestions by full text
 * (it checks at start-up whether similarity() works).
 *
 * @param {import('knex').Knex} knex
 */
async function createTrigramIndex(knex) {
  const available = await knex.raw(
    "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'",
  );
  if (available.rows.length === 0) return;
  try {
    await knex.transaction(async savepoint => {
      await savepoint.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm');
      await savepoint.raw(
        'CREATE INDEX requests_title_trgm_idx ON requests USING GIN (title gin_trgm_ops)',
      );
    });
  } catch {
    // No trigram index; suggestions fall back to full-text ranking.
  }
}

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  // The pg_trgm extension stays: other schemas may use it.
  await knex.schema.dropTable('timeline');
  await knex.schema.dropTable('comments');
  await knex.schema.dropTable('watchers');
  await knex.schema.dropTable('votes');
  await knex.schema.dropTable('request_entities');
  await knex.schema.dropTable('requests');
};
