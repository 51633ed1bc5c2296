import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import { Flex, Text } from '@backstage/ui';
import useAsync from 'react-use/esm/useAsync';

const KINDS = ['Component', 'API', 'System', 'Resource'];

/** Entities owned by the signed-in user or any of their teams. */
export const OwnedEntities = () => {
  const identityApi = useApi(identityApiRef);
  const catalogApi = useApi(catalogApiRef);
  const { value, loading, error } = useAsync(async () => {
    const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
    const { items } = await catalogApi.getEntities({
      filter: { kind: KINDS, 'relations.ownedBy': ownershipEntityRefs },
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'spec.type'],
      order: { field: 'metadata.name', order: 'asc' },
    });
    return items;
  }, [identityApi, catalogApi]);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value?.length) {
    return (
      <Text color="secondary">
        Nothing is owned by you or your team yet. Create a service from a
        template and it shows up here.
      </Text>
    );
  }
  return (
    <Flex direction="column" gap="1" data-testid="owned-entities">
      {value.map(entity => (
        <Text key={`${entity.kind}:${entity.metadata.name}`}>
          <EntityRefLink entityRef={entity} />{' '}
          <Text as="span" color="secondary" variant="body-small">
            {entity.kind.toLowerCase()}
            {entity.spec?.type ? ` · ${entity.spec.type}` : ''}
          </Text>
        </Text>
      ))}
    </Flex>
  );
};
