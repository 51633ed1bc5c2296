/*
 * POST /requests takes an Idempotency-Key header: a client that did not
 * hear the answer (a timeout, a 503 after the commit) sends the same key
 * again and gets the request it already filed instead of a duplicate. Keys
 * are the requester's own; the hash tells a true retry from a key reused
 * for something else. NULLs do not collide in a unique index, so requests
 * filed without a key are unaffected.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('requests', table => {
    table.string('idempotency_key', 200).nullable();
    table.string('idempotency_hash', 64).nullable();
    table.unique(['requester', 'idempotency_key'], {
      indexName: 'requests_requester_idempotency_key_uq',
    });
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('requests', table => {
    table.dropUnique(
      ['requester', 'idempotency_key'],
      'requests_requester_idempotency_key_uq',
    );
    table.dropColumn('idempotency_key');
    table.dropColumn('idempotency_hash');
  });
};
