/*
 * "How was it?" for the person's golden-path runs that finished in the last
 * 30 days (the scaffolder lists their own runs). One click rates a run;
 * clicking again replaces the rating. Ratings are never shown back, only as
 * per-template aggregates to the platform team.
 */
import { useApi } from '@backstage/frontend-plugin-api';
import { scaffolderApiRef } from '@backstage/plugin-scaffolder-react';
import { Button, Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import { ErrorAlert } from '@internal/lodestar-react';
import { RUN_RATING_QUESTION } from '@internal/plugin-platform-surveys-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { platformSurveysApiRef } from '../../api';

const RECENT_MS = 30 * 86_400_000;
const FINISHED = new Set(['completed', 'failed']);

export const RateRunsCard = ({
  now = () => Date.now(),
}: {
  now?: () => number;
}) => {
  const scaffolder = useApi(scaffolderApiRef);
  const api = useApi(platformSurveysApiRef);
  const [rated, setRated] = useState<Record<string, number>>({});
  const [error, setError] = useState<unknown>();
  const runs = useAsync(async () => {
    const { tasks } = await scaffolder.listTasks({
      filterByOwnership: 'owned',
      limit: 20,
    });
    return tasks
      .filter(
        t =>
          FINISHED.has(t.status) && now() - Date.parse(t.createdAt) < RECENT_MS,
      )
      .slice(0, 5);
  }, [scaffolder]);

  if (!runs.value?.length) return null;

  const rate = async (taskId: string, score: number) => {
    setError(undefined);
    try {
      await api.rateRun(taskId, score);
      setRated(r => ({ ...r, [taskId]: score }));
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Card>
      <CardHeader>
        <Text as="h2" variant="title-small">
          Your recent golden-path runs: {RUN_RATING_QUESTION.toLowerCase()}
        </Text>
        <Text variant="body-small" color="secondary">
          1 poor · 5 great. The platform team sees only each template's average
          over several people.
        </Text>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="3" data-testid="rate-runs">
          {runs.value.map(task => {
            const template =
              task.spec.templateInfo?.entityRef?.split('/').pop() ??
              'golden path';
            return (
              <Flex key={task.id} align="center" gap="2">
                <Text style={{ minWidth: 200 }}>
                  {template} · {task.createdAt.slice(0, 10)} · {task.status}
                </Text>
                {[1, 2, 3, 4, 5].map(score => (
                  <Button
                    key={score}
                    size="small"
                    variant={rated[task.id] === score ? 'primary' : 'secondary'}
                    aria-label={`Rate the ${template} run of ${task.createdAt.slice(
                      0,
                      10,
                    )} ${score} of 5`}
                    onPress={() => rate(task.id, score)}
                  >
                    {score}
                  </Button>
                ))}
                {rated[task.id] && (
                  <Text variant="body-small" color="secondary">
                    Thanks
                  </Text>
                )}
              </Flex>
            );
          })}
          <ErrorAlert error={error} />
        </Flex>
      </CardBody>
    </Card>
  );
};
