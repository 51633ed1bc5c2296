/*
 * The platform-kpis schema: the events CI and incident tools send
 * (deployments, incidents, changes) and the facts the collectors copy from
 * the scaffolder, the catalog and the requests plugin. Runs on SQLite and
 * PostgreSQL.
 *
 * Times are epoch milliseconds (bigint) so that windows, buckets and
 * durations are plain integer arithmetic in SQL on both databases; flags are
 * 0/1 integers for the same reason. Durations are computed once, at
 * ingestion, from validated times, and a CHECK keeps them non-negative.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('kpi_deployments', table => {
    table.comment('Deployment events; id is the idempotency key.');
    table.string('id', 200).primary();
    table.string('entity_ref', 255).notNullable();
    table
      .string('team_ref', 255)
      .nullable()
      .comment('Owner at ingestion; the catalog collector keeps it current');
    table.string('environment', 100).notNullable();
    table.integer('production').notNullable();
    table.string('status', 16).notNullable();
    table.bigInteger('started_at').notNullable();
    table.bigInteger('finished_at').notNullable();
    table.bigInteger('first_commit_at').nullable();
    table
      .integer('first_commit_sent')
      .notNullable()
      .defaultTo(0)
      .comment(
        '1 when the event carried firstCommitAt; else derived from change events',
      );
    table.bigInteger('lead_time_ms').nullable();
    table.integer('caused_incident').notNullable().defaultTo(0);
    table
      .integer('change_failed')
      .notNullable()
      .defaultTo(0)
      .comment('failed, or caused an incident');
    table.text('commit_shas').notNullable().comment('JSON array');
    table.integer('demo').notNullable().defaultTo(0);
    table.string('source', 100).nullable();
    table.bigInteger('received_at').notNullable();
    table.check(
      '?? >= ??',
      ['finished_at', 'started_at'],
      'kpi_deployments_finish_after_start',
    );
    table.check(
      '?? IS NULL OR ?? >= 0',
      ['lead_time_ms', 'lead_time_ms'],
      'kpi_deployments_lead_time_not_negative',
    );
  });

  // The DORA queries read only these columns: covering indexes let them
  // answer from the index alone (PostgreSQL: INCLUDE; SQLite: in the key).
  const pg = knex.client.config.client === 'pg';
  /** @type {Array<[string, string[], string[]]>} */
  const covering = [
    [
      'kpi_deployments_window_idx',
      ['production', 'finished_at'],
      ['status', 'change_failed', 'lead_time_ms', 'team_ref', 'entity_ref'],
    ],
    [
      'kpi_deployments_team_idx',
      ['team_ref', 'production', 'finished_at'],
      ['status', 'change_failed', 'lead_time_ms', 'entity_ref'],
    ],
    [
      'kpi_deployments_service_idx',
      ['entity_ref', 'production', 'finished_at'],
      ['status', 'change_failed', 'lead_time_ms'],
    ],
  ];
  for (const [name, key, include] of covering) {
    await knex.raw(
      pg
        ? `CREATE INDEX ${name} ON kpi_deployments (${key.join(
            ', ',
          )}) INCLUDE (${include.join(', ')})`
        : `CREATE INDEX ${name} ON kpi_deployments (${[...key, ...include].join(
            ', ',
          )})`,
    );
  }

  await knex.schema.createTable('kpi_deployment_commits', table => {
    table.comment(
      'The commits each deployment shipped, to find a change’s deployments.',
    );
    table.string('deployment_id', 200).notNullable();
    table.string('sha', 64).notNullable();
    table.primary(['deployment_id', 'sha']);
    table.index(['sha'], 'kpi_deployment_commits_sha_idx');
  });

  await knex.schema.createTable('kpi_incidents', table => {
    table.comment(
      'Incident events; a resolved copy of an open incident updates it.',
    );
    table.string('id', 200).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('team_ref', 255).nullable();
    table.string('severity', 8).notNullable();
    table.bigInteger('opened_at').notNullable();
    table.bigInteger('resolved_at').nullable();
    table.bigInteger('restore_ms').nullable();
    table.string('deployment_id', 200).nullable();
    table.integer('demo').notNullable().defaultTo(0);
    table.string('source', 100).nullable();
    table.bigInteger('received_at').notNullable();
    table.check(
      '?? IS NULL OR ?? >= 0',
      ['restore_ms', 'restore_ms'],
      'kpi_incidents_restore_not_negative',
    );
    table.index(['resolved_at'], 'kpi_incidents_resolved_idx');
    table.index(['team_ref', 'resolved_at'], 'kpi_incidents_team_idx');
    table.index(['entity_ref', 'resolved_at'], 'kpi_incidents_service_idx');
    table.index(['opened_at'], 'kpi_incidents_opened_idx');
    table.index(['deployment_id'], 'kpi_incidents_deployment_idx');
  });

  await knex.schema.createTable('kpi_changes', table => {
    table.comment('Change events: merged pull requests and commits.');
    table.string('id', 200).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('team_ref', 255).nullable();
    table.string('kind', 16).notNullable();
    table.string('sha', 64).notNullable();
    table.bigInteger('committed_at').notNullable();
    table.bigInteger('merged_at').nullable();
    table.integer('demo').notNullable().defaultTo(0);
    table.string('source', 100).nullable();
    table.bigInteger('received_at').notNullable();
    table.index(['sha'], 'kpi_changes_sha_idx');
  });

  await knex.schema.createTable('kpi_template_runs', table => {
    table.comment(
      'Scaffolder task outcomes, copied by the template-run collector.',
    );
    table.string('task_id', 64).primary();
    table.string('template_ref', 255).notNullable();
    table.string('user_ref', 255).nullable();
    table.string('team_ref', 255).nullable();
    table.string('status', 16).notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('finished_at').nullable();
    table.bigInteger('duration_ms').nullable();
    table.double('hours_saved').notNullable().defaultTo(0);
    table.index(['created_at'], 'kpi_template_runs_created_idx');
    table.index(['team_ref', 'created_at'], 'kpi_template_runs_team_idx');
  });

  await knex.schema.createTable('kpi_catalog_components', table => {
    table.comment('The latest catalog snapshot, one row per Component.');
    table.string('entity_ref', 255).primary();
    table.string('team_ref', 255).nullable();
    table.integer('valid_owner').notNullable();
    table.integer('has_system').notNullable();
    table.integer('has_lifecycle').notNullable();
    table.integer('needs_api').notNullable();
    table.integer('has_api').notNullable();
    table.integer('orphan').notNullable();
    table.integer('from_template').notNullable();
    table.index(['team_ref'], 'kpi_catalog_components_team_idx');
  });

  await knex.schema.createTable('kpi_catalog_snapshots', table => {
    table.comment(
      'Daily per-team counts of the catalog snapshot (team "" = no owner).',
    );
    table
      .bigInteger('day_start')
      .notNullable()
      .comment('UTC midnight, epoch ms');
    table.string('team_ref', 255).notNullable();
    table.integer('components').notNullable();
    table.integer('valid_owner').notNullable();
    table.integer('has_system').notNullable();
    table.integer('has_lifecycle').notNullable();
    table.integer('needs_api').notNullable();
    table.integer('has_api').notNullable();
    table.integer('orphans').notNullable();
    table.integer('from_template').notNullable();
    table.bigInteger('taken_at').notNullable();
    table.primary(['day_start', 'team_ref']);
  });

  await knex.schema.createTable('kpi_request_facts', table => {
    table.comment(
      'Platform requests as the request-flow collector last saw them.',
    );
    table.string('request_key', 32).primary();
    table.string('team_ref', 255).notNullable();
    table.string('category', 100).notNullable();
    table.string('urgency', 16).notNullable();
    table.string('status', 16).notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('triaged_at').nullable();
    table.bigInteger('triage_due_at').notNullable();
    table.bigInteger('closed_at').nullable();
    table.bigInteger('resolve_due_at').notNullable();
    table.integer('rating').nullable();
    table.integer('votes').notNullable();
    table.double('hours_lost_per_week').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.index(['created_at'], 'kpi_request_facts_created_idx');
    table.index(['closed_at'], 'kpi_request_facts_closed_idx');
    table.index(['team_ref'], 'kpi_request_facts_team_idx');
  });

  await knex.schema.createTable('kpi_request_teams', table => {
    table.comment(
      'Teams behind each request: the requesting team and every voting team.',
    );
    table.string('request_key', 32).notNullable();
    table.string('team_ref', 255).notNullable();
    table.primary(['request_key', 'team_ref']);
  });

  await knex.schema.createTable('kpi_collector_state', table => {
    table.comment(
      'Where each collector got to, so reruns continue instead of repeating.',
    );
    table.string('name', 64).primary();
    table.text('state').nullable();
    table.bigInteger('collected_at').nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const table of [
    'kpi_collector_state',
    'kpi_request_teams',
    'kpi_request_facts',
    'kpi_catalog_snapshots',
    'kpi_catalog_components',
    'kpi_template_runs',
    'kpi_changes',
    'kpi_incidents',
    'kpi_deployment_commits',
    'kpi_deployments',
  ]) {
    await knex.schema.dropTable(table);
  }
};
