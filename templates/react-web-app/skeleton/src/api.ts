export interface HealthStatus {
  /** Whatever the API reports, e.g. "ok" or "degraded". */
  status: string;
}

export class ApiError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

/**
 * Fetches JSON from `${baseUrl}${path}` and throws an ApiError for non-2xx
 * answers. Pass an AbortSignal so React can cancel requests it no longer needs.
 */
export async function getJson<T>(baseUrl: string, path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    headers: { Accept: 'application/json' },
    signal,
  });
  if (!response.ok) {
    throw new ApiError(response.status, `GET ${path} failed with HTTP ${response.status}`);
  }
  return (await response.json()) as T;
}

/** Example call: replace with the endpoints your app really needs. */
export function fetchHealth(baseUrl: string, signal?: AbortSignal): Promise<HealthStatus> {
  return getJson<HealthStatus>(baseUrl, '/health', signal);
}
