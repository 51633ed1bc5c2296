/*
 * Open requests that look like the one being typed: asked for 300 ms after
 * the last keystroke, once the title has at least three characters.
 */
import { useApi } from '@backstage/frontend-plugin-api';
import { LIMITS } from '@internal/plugin-platform-requests-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { platformRequestsApiRef } from '../../api';

export const SUGGESTION_DELAY_MS = 300;

export function useSimilarRequests(title: string) {
  const api = useApi(platformRequestsApiRef);
  const [settled, setSettled] = useState('');
  useDebounce(() => setSettled(title.trim()), SUGGESTION_DELAY_MS, [title]);
  return useAsync(async () => {
    if (settled.length < LIMITS.titleMin) return [];
    return api.suggestSimilar(settled);
  }, [api, settled]);
}
