/*
 * /improvements/new: the platform team writes down an improvement — its
 * problem, the requests it answers, whom it is for (teams, services, or
 * everyone), the KPIs it means to move (a survey question's score among
 * them), when and who. The server validates
 * again and names the field of anything it refuses.
 */
import { useApi, useAppNavigate } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { Button, Container, Flex, Text } from '@backstage/ui';
import { improvementCreatePermission } from '@internal/plugin-platform-requests-common';
import { useState } from 'react';
import { improvementsApiRef } from '../../api';
import { useAction } from '../../hooks/useAction';
import { useImprovementLinks } from '../../hooks/useImprovementLinks';
import {
  EMPTY_IMPROVEMENT_FORM,
  ImprovementFormFields,
  toImprovementInput,
} from '../ImprovementForm';
import { ErrorAlert } from '../shared';

export { parseRequestKeys } from '../ImprovementForm';

export const NewImprovementPage = () => {
  const api = useApi(improvementsApiRef);
  const navigate = useAppNavigate();
  const { improvementLink, improvementsLink } = useImprovementLinks();
  const allowed = usePermission({ permission: improvementCreatePermission });
  const { run, pending, error } = useAction();
  const [values, setValues] = useState(EMPTY_IMPROVEMENT_FORM);

  if (allowed.loading) return null;
  if (!allowed.allowed) {
    return (
      <Container py="4">
        <Text>Only the platform team creates improvements.</Text>
      </Container>
    );
  }

  const submit = async () => {
    const created = await run(() =>
      api.createImprovement(toImprovementInput(values)),
    );
    if (created)
      navigate(improvementLink(created.id) ?? improvementsLink ?? '/');
  };

  return (
    <Container py="4">
      <Flex direction="column" gap="4" style={{ maxWidth: 720 }}>
        <Text as="h2" variant="title-medium">
          New improvement
        </Text>
        <ImprovementFormFields values={values} onChange={setValues} />
        {error !== undefined && <ErrorAlert error={error} />}
        <Flex>
          <Button variant="primary" isPending={pending} onPress={submit}>
            Create improvement
          </Button>
        </Flex>
      </Flex>
    </Container>
  );
};
