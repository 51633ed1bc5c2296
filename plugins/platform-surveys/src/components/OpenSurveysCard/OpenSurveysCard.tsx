/*
 * "Open surveys" on the home page: shown only while a round is open for
 * the signed-in person, so it never takes room for nothing (and stays
 * quiet if the surveys backend cannot be reached).
 */
import { Card, CardBody, CardHeader, Text } from '@backstage/ui';
import { OpenSurveysList, useOpenSurveys } from './OpenSurveys';

export const OpenSurveysCard = () => {
  const { value } = useOpenSurveys();
  if (!value?.length) return null;
  const unanswered = value.filter(v => !v.answered).length;
  return (
    <Card>
      <CardHeader>
        <Text as="h2" variant="title-small">
          Open surveys
        </Text>
        <Text variant="body-small" color="secondary">
          {unanswered
            ? `${unanswered} waiting for your answer. Answers are anonymous: results are shown only for groups of several people.`
            : 'You answered them all; you can change an answer until its round closes.'}
        </Text>
      </CardHeader>
      <CardBody>
        <OpenSurveysList items={value} />
      </CardBody>
    </Card>
  );
};
