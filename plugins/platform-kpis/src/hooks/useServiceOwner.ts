/*
 * The team owning a service, for the breadcrumb of a service opened by a
 * link that named no team (/kpis?service=<ref> from the component card).
 * Undefined while unknown, or when the catalog does not know the service.
 */
import { RELATION_OWNED_BY } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

export function useServiceOwner(service: string | undefined) {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async () => {
    if (!service) return undefined;
    const entity = await catalogApi.getEntityByRef(service);
    const owner = entity?.relations?.find(
      r => r.type === RELATION_OWNED_BY && r.targetRef.startsWith('group:'),
    );
    return owner?.targetRef;
  }, [catalogApi, service]).value;
}
