/*
 * The backend's configuration (categories, SLA targets, weights, platform
 * team). The client caches it, so every component may ask.
 */
import { useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { platformRequestsApiRef } from '../api';

export function usePlatformRequestsConfig() {
  const api = useApi(platformRequestsApiRef);
  return useAsync(() => api.getConfig(), [api]);
}
