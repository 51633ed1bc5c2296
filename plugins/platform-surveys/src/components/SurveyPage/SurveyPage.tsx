/*
 * /surveys/:id: the survey, the form of its open round when you are in its
 * audience, and for the platform team the results of its closed rounds.
 */
import { useApi, useRouteRefParams } from '@backstage/frontend-plugin-api';
import {
  Card,
  CardBody,
  CardHeader,
  Container,
  Flex,
  Text,
} from '@backstage/ui';
import { ErrorAlert } from '@internal/lodestar-react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { platformSurveysApiRef } from '../../api';
import { useSurveyPermissions } from '../../hooks/useSurveyPermissions';
import { surveyRouteRef } from '../../routes';
import { roundsSummary } from '../SurveysPage/SurveysPage';
import { AnswerForm } from './AnswerForm';
import { Results } from './Results';

export const SurveyPage = ({ surveyId: id }: { surveyId: string }) => {
  const api = useApi(platformSurveysApiRef);
  const survey = useAsync(() => api.getSurvey(id), [api, id]);
  const open = useAsyncRetry(
    async () => (await api.openSurveys()).find(o => o.survey.id === id),
    [api, id],
  );
  const { canReadResults } = useSurveyPermissions();

  return (
    <Container py="4">
      <Flex direction="column" gap="4">
        <ErrorAlert error={survey.error ?? open.error} />
        {survey.value && (
          <>
            <Flex direction="column" gap="1">
              <Text as="h1" variant="title-medium">
                {survey.value.title}
              </Text>
              {survey.value.description && (
                <Text color="secondary">{survey.value.description}</Text>
              )}
              <Text variant="body-small" color="secondary">
                {roundsSummary(survey.value)}
              </Text>
            </Flex>
            <Card>
              <CardHeader>
                <Text as="h2" variant="title-small">
                  {open.value
                    ? `Your answer to round ${open.value.round.round}`
                    : 'Answer'}
                </Text>
              </CardHeader>
              <CardBody>
                {open.value ? (
                  <AnswerForm open={open.value} onAnswered={() => {}} />
                ) : (
                  <Text color="secondary">
                    No round of this survey is open for you right now.
                  </Text>
                )}
              </CardBody>
            </Card>
            {canReadResults && (
              <Card>
                <CardHeader>
                  <Text as="h2" variant="title-small">
                    Results
                  </Text>
                </CardHeader>
                <CardBody>
                  <Results survey={survey.value} />
                </CardBody>
              </Card>
            )}
          </>
        )}
      </Flex>
    </Container>
  );
};

/** The page of the survey in the URL. */
export const SurveyRoute = () => {
  const { id } = useRouteRefParams(surveyRouteRef);
  return <SurveyPage surveyId={id} />;
};
