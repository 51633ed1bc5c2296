/**
 * The platform-kpis backend: event ingestion, collectors and the KPI read
 * endpoints under /api/platform-kpis.
 *
 * @packageDocumentation
 */
export { platformKpisPlugin as default } from './plugin';
