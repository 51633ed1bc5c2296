/*
 * The open survey rounds of the signed-in person, each linking to its form:
 * on the home page (as a card, only when something is open) and on the
 * surveys page.
 */
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { Flex, Link, Text } from '@backstage/ui';
import { OpenSurveyRound } from '@internal/plugin-platform-surveys-common';
import useAsync from 'react-use/esm/useAsync';
import { platformSurveysApiRef } from '../../api';
import { surveyRouteRef } from '../../routes';

export function useOpenSurveys() {
  const api = useApi(platformSurveysApiRef);
  return useAsync(() => api.openSurveys(), [api]);
}

export const OpenSurveysList = ({ items }: { items: OpenSurveyRound[] }) => {
  const surveyLink = useRouteRef(surveyRouteRef);
  return (
    <Flex direction="column" gap="3" data-testid="open-surveys">
      {items.map(({ survey, round, answered }) => (
        <Flex key={`${survey.id}-${round.round}`} direction="column" gap="1">
          <Link href={surveyLink?.({ id: survey.id }) ?? '#'}>
            {survey.title}
          </Link>
          <Text variant="body-small" color="secondary">
            {answered
              ? `Answered — you can change your answer until ${round.closesAt.slice(
                  0,
                  10,
                )}`
              : `Open until ${round.closesAt.slice(0, 10)} · ${
                  survey.questions.length
                } question${
                  survey.questions.length === 1 ? '' : 's'
                }, anonymous`}
          </Text>
        </Flex>
      ))}
    </Flex>
  );
};
