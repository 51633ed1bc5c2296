/*
 * The "Improvements" tab of Group pages: what the platform team did or
 * plans for this team — improvements scoped to it or answering one of its
 * requests (GET /improvements?team=<ref>).
 */
import { Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Container, Flex, Text } from '@backstage/ui';
import useAsync from 'react-use/esm/useAsync';
import { improvementsApiRef } from '../../api';
import { ImprovementTable } from '../ImprovementTable';
import { ErrorAlert } from '../shared';

export const EntityImprovementsContent = () => {
  const { entity } = useEntity();
  const team = stringifyEntityRef(entity);
  const api = useApi(improvementsApiRef);
  const list = useAsync(() => api.listImprovements({ team }), [api, team]);

  return (
    <Container py="2">
      <Flex direction="column" gap="3">
        <Text color="secondary">
          Improvements the platform team made or plans for this team: scoped to
          it, or answering one of its requests.
        </Text>
        {list.loading && <Progress />}
        {list.error && <ErrorAlert error={list.error} />}
        {list.value?.length === 0 && <Text>None yet.</Text>}
        {!!list.value?.length && <ImprovementTable improvements={list.value} />}
      </Flex>
    </Container>
  );
};
