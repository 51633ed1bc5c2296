/**
 * Everything the app knows about itself and its environment, in one place.
 *
 * VITE_* variables are read at build time (from .env, .env.local or the
 * environment) and baked into the bundle, so they must never hold secrets.
 */
export interface AppConfig {
  /** The name of this app, as registered in Lodestar. */
  readonly serviceName: string;
  readonly serviceDescription: string;
  /** Base URL of the API this app talks to, without a trailing slash; empty when not configured. */
  readonly apiBaseUrl: string;
}

export function normalizeBaseUrl(value: string | undefined): string {
  return (value ?? '').trim().replace(/\/+$/, '');
}

export const config: AppConfig = {
  serviceName: '${{ values.name }}',
  serviceDescription: ${{ values.description | dump }},
  apiBaseUrl: normalizeBaseUrl(import.meta.env.VITE_API_BASE_URL),
};
