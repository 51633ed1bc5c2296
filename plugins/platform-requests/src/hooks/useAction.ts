/*
 * Runs one user action at a time (vote, transition, save) and keeps its
 * pending state and its error for the UI, so each button does not have to.
 */
import { useCallback, useState } from 'react';

export function useAction() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const run = useCallback(
    async <T>(action: () => Promise<T>): Promise<T | undefined> => {
      setPending(true);
      setError(undefined);
      try {
        return await action();
      } catch (e) {
        setError(e);
        return undefined;
      } finally {
        setPending(false);
      }
    },
    [],
  );

  const clearError = useCallback(() => setError(undefined), []);
  return { run, pending, error, clearError };
}
