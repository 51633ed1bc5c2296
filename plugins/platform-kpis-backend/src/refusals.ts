/*
 * What the 403s of this plugin say beyond a refused permission (those say
 * it through the shared library's permissionRefused): how a CI system gets
 * a token that may ingest.
 */
import { platformKpisIngestPermission } from '@internal/plugin-platform-kpis-common';

/** How a CI system gets a token that may ingest. */
export const INGEST_TOKEN_HINT = `use a static token under backend.auth.externalAccess restricted to ${platformKpisIngestPermission.name}`;
