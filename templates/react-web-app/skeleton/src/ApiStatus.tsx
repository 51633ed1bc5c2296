import { useEffect, useState } from 'react';
import { fetchHealth, type HealthStatus } from './api';

type State =
  | { kind: 'loading' }
  | { kind: 'ready'; health: HealthStatus }
  | { kind: 'error'; message: string };

interface ApiStatusProps {
  apiBaseUrl: string;
}

/**
 * Shows whether the configured API answers. It is the example of how to load
 * data with loading and error states; copy the pattern for your own calls.
 */
export function ApiStatus({ apiBaseUrl }: ApiStatusProps) {
  if (!apiBaseUrl) {
    return (
      <section className="card" aria-labelledby="api-status-title">
        <h2 id="api-status-title">API status</h2>
        <p>
          No API configured yet. Set <code>VITE_API_BASE_URL</code> in <code>.env</code> (or{' '}
          <code>.env.local</code> on your machine) and restart <code>npm run dev</code>.
        </p>
      </section>
    );
  }
  // Remount on URL change so the loader below starts from a fresh state.
  return <ApiStatusLoader key={apiBaseUrl} apiBaseUrl={apiBaseUrl} />;
}

function ApiStatusLoader({ apiBaseUrl }: ApiStatusProps) {
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    fetchHealth(apiBaseUrl, controller.signal)
      .then((health) => setState({ kind: 'ready', health }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const message = error instanceof Error ? error.message : String(error);
        setState({ kind: 'error', message });
      });
    return () => controller.abort();
  }, [apiBaseUrl]);

  return (
    <section className="card" aria-labelledby="api-status-title" aria-busy={state.kind === 'loading'}>
      <h2 id="api-status-title">API status</h2>
      <p className="muted">
        <code>{apiBaseUrl}/health</code>
      </p>
      {state.kind === 'loading' && <p role="status">Checking the API…</p>}
      {state.kind === 'ready' && (
        <p role="status">
          The API answered: <strong>{state.health.status}</strong>
        </p>
      )}
      {state.kind === 'error' && (
        <p role="alert" className="error">
          Could not reach the API: {state.message}
        </p>
      )}
    </section>
  );
}
