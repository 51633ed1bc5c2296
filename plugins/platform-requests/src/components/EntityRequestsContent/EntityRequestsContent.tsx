/*
 * The "Requests" tab of entity pages: requests about a component, system or
 * API (entity=<ref>), or filed by a team on its Group page (team=<ref>).
 */
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ButtonLink, Container, Flex, Text } from '@backstage/ui';
import { useMemo } from 'react';
import { RequestListQuery } from '../../api';
import { usePlatformRequestsConfig } from '../../hooks/usePlatformRequestsConfig';
import { useRequestLinks } from '../../hooks/useRequestLinks';
import { useRequestPages } from '../../hooks/useRequestPages';
import { PagedRequestTable } from '../RequestTable';

export type EntityRequestsContentProps = {
  /** `entity`: requests about this entity; `team`: requests this Group filed. */
  relation: 'entity' | 'team';
};

export const EntityRequestsContent = ({
  relation,
}: EntityRequestsContentProps) => {
  const { entity } = useEntity();
  const ref = stringifyEntityRef(entity);
  const config = usePlatformRequestsConfig();
  const { listLink, newRequestLink } = useRequestLinks();
  const query = useMemo<RequestListQuery>(
    () => ({
      ...(relation === 'team' ? { team: [ref] } : { entity: ref }),
      sort: '-priority',
      limit: 25,
    }),
    [relation, ref],
  );
  const pages = useRequestPages(query);
  const allLink =
    listLink && `${listLink}?${new URLSearchParams({ [relation]: ref })}`;

  return (
    <Container py="2">
      <Flex direction="column" gap="3">
        <Flex justify="between" align="center">
          <Text color="secondary">
            {relation === 'team' ? (
              'Requests this team filed with the platform team.'
            ) : (
              <>
                Requests to the platform team about{' '}
                <bdi>{entity.metadata.title ?? entity.metadata.name}</bdi>.
              </>
            )}
          </Text>
          <Flex gap="2">
            {allLink && (
              <ButtonLink href={allLink} variant="secondary">
                Open in the request list
              </ButtonLink>
            )}
            {newRequestLink && (
              <ButtonLink href={newRequestLink} variant="primary">
                File a request
              </ButtonLink>
            )}
          </Flex>
        </Flex>
        <PagedRequestTable
          pages={pages}
          config={config.value}
          emptyState={
            relation === 'team'
              ? 'This team has not filed any requests.'
              : 'No requests mention this entity.'
          }
        />
      </Flex>
    </Container>
  );
};
