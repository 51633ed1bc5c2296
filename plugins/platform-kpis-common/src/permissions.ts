/*
 * KPI permissions. Reading is for everyone signed in; ingestion is for
 * service principals (CI systems with a static token under
 * backend.auth.externalAccess) whose access restrictions name this
 * permission, and for no user. Unmatched webhook sources (which repositories
 * and services send events no component claims) are the platform team's to
 * follow up.
 */
import { createPermission } from '@backstage/plugin-permission-common';

export const platformKpisReadPermission = createPermission({
  name: 'platform-kpis.read',
  attributes: { action: 'read' },
});

export const platformKpisIngestPermission = createPermission({
  name: 'platform-kpis.events.ingest',
  attributes: { action: 'create' },
});

export const platformKpisUnmatchedReadPermission = createPermission({
  name: 'platform-kpis.webhooks.unmatched.read',
  attributes: { action: 'read' },
});

export const platformKpisPermissions = [
  platformKpisReadPermission,
  platformKpisIngestPermission,
  platformKpisUnmatchedReadPermission,
];
