/*
 * /surveys: what is open for you, and every survey with its rounds; the
 * platform team gets "New survey".
 */
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import {
  ButtonLink,
  Card,
  CardBody,
  CardHeader,
  Container,
  Flex,
  Link,
  Text,
} from '@backstage/ui';
import { ErrorAlert } from '@internal/lodestar-react';
import { Survey } from '@internal/plugin-platform-surveys-common';
import useAsync from 'react-use/esm/useAsync';
import { platformSurveysApiRef } from '../../api';
import { useSurveyPermissions } from '../../hooks/useSurveyPermissions';
import { newSurveyRouteRef, surveyRouteRef } from '../../routes';
import { OpenSurveysList, useOpenSurveys } from '../OpenSurveysCard';
import { RateRunsCard } from '../RateRunsCard';

export function roundsSummary(survey: Survey): string {
  const open = survey.rounds.find(r => r.state === 'open');
  const closed = survey.rounds.filter(r => r.state === 'closed').length;
  const next = survey.rounds.find(r => r.state === 'upcoming');
  const parts = [
    open
      ? `round ${open.round} open until ${open.closesAt.slice(0, 10)}`
      : undefined,
    closed ? `${closed} of ${survey.rounds.length} rounds closed` : undefined,
    !open && next
      ? `round ${next.round} opens ${next.opensAt.slice(0, 10)}`
      : undefined,
  ].filter(Boolean);
  return parts.join(' · ');
}

export const SurveysPage = () => {
  const api = useApi(platformSurveysApiRef);
  const surveys = useAsync(() => api.listSurveys(), [api]);
  const open = useOpenSurveys();
  const { canCreate } = useSurveyPermissions();
  const surveyLink = useRouteRef(surveyRouteRef);
  const newSurveyLink = useRouteRef(newSurveyRouteRef);

  return (
    <Container py="4">
      <Flex direction="column" gap="4">
        <Flex justify="between" align="center">
          <Text color="secondary">
            Pulse surveys ask every team how the platform serves them. Answers
            are anonymous: results are shown only for groups of several people,
            never per person — not even to the platform team.
          </Text>
          {canCreate && (
            <ButtonLink href={newSurveyLink?.() ?? '#'} variant="primary">
              New survey
            </ButtonLink>
          )}
        </Flex>
        <Card>
          <CardHeader>
            <Text as="h2" variant="title-small">
              Open for you
            </Text>
          </CardHeader>
          <CardBody>
            <ErrorAlert error={open.error} />
            {open.value?.length === 0 && (
              <Text color="secondary">
                No survey is open for you right now.
              </Text>
            )}
            {open.value && <OpenSurveysList items={open.value} />}
          </CardBody>
        </Card>
        <RateRunsCard />
        <Card>
          <CardHeader>
            <Text as="h2" variant="title-small">
              All surveys
            </Text>
          </CardHeader>
          <CardBody>
            <ErrorAlert error={surveys.error} />
            {surveys.value?.length === 0 && (
              <Text color="secondary">No surveys yet.</Text>
            )}
            <Flex direction="column" gap="3" data-testid="all-surveys">
              {surveys.value?.map(s => (
                <Flex key={s.id} direction="column" gap="1">
                  <Link href={surveyLink?.({ id: s.id }) ?? '#'}>
                    {s.title}
                  </Link>
                  <Text variant="body-small" color="secondary">
                    {roundsSummary(s)}
                  </Text>
                </Flex>
              ))}
            </Flex>
          </CardBody>
        </Card>
      </Flex>
    </Container>
  );
};
