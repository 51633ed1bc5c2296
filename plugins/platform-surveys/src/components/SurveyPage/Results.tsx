/*
 * A round's results for the platform team, exactly as the API cuts them: a
 * group below the anonymity floor (or hidden so that it cannot be worked
 * out from the others) says "Not enough responses" and nothing else. Teams
 * are named as the catalog names them ("Checkout Team"), not by their ref.
 */
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Alert,
  Button,
  Card,
  CardBody,
  CardHeader,
  Flex,
  Select,
  Text,
} from '@backstage/ui';
import { ErrorAlert, saveBlob } from '@internal/lodestar-react';
import {
  GroupResult,
  QuestionResult,
  Survey,
} from '@internal/plugin-platform-surveys-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { platformSurveysApiRef } from '../../api';
import { useTeamNames } from '../../hooks/useTeamNames';

const EVERYONE = 'everyone';
const NO_TEAM = '(no team)';

const QuestionView = ({
  result,
  text,
}: {
  result: QuestionResult;
  text: string;
}) => (
  <Flex direction="column" gap="1">
    <Text weight="bold">{text}</Text>
    {result.kind === 'text' && result.answers.length > 0 && (
      <ul>
        {result.answers.map((a, i) => (
          <li key={i}>
            <Text>{a}</Text>
          </li>
        ))}
      </ul>
    )}
    {result.kind === 'text' && result.answers.length === 0 && (
      <Text color="secondary">No free-text answers.</Text>
    )}
    {result.kind !== 'text' && (
      <>
        {result.kind !== 'choice' && (
          <Text>
            Mean {result.mean} · median {result.median} · n = {result.n}
          </Text>
        )}
        <Text variant="body-small" color="secondary">
          {result.distribution.map(d => `${d.value}: ${d.count}`).join(' · ')}
        </Text>
      </>
    )}
  </Flex>
);

const GroupView = ({
  id,
  title,
  group,
  survey,
  floor,
  compact,
}: {
  /** 'Everyone' or the team's ref, for tests to find the card by. */
  id: string;
  title: string;
  group: GroupResult;
  survey: Survey;
  floor: number;
  compact?: boolean;
}) => (
  <Card data-testid={`group-${id}`}>
    <CardHeader>
      <Text as="h3" variant="title-x-small">
        {title}
        {group.enough ? ` · ${group.respondents} respondents` : ''}
      </Text>
    </CardHeader>
    <CardBody>
      {group.enough ? (
        <Flex direction="column" gap="3">
          {group.questions
            .filter(q => !compact || q.kind !== 'text')
            .map(q => (
              <QuestionView
                key={q.questionId}
                result={q}
                text={
                  survey.questions.find(x => x.id === q.questionId)?.text ?? ''
                }
              />
            ))}
        </Flex>
      ) : (
        <Alert
          status="info"
          title="Not enough responses"
          description={`Results are shown only for groups of at least ${floor} people, and never where they could be worked out from the other groups.`}
        />
      )}
    </CardBody>
  </Card>
);

export const Results = ({ survey }: { survey: Survey }) => {
  const api = useApi(platformSurveysApiRef);
  const closed = survey.rounds.filter(r => r.state === 'closed');
  const [round, setRound] = useState(
    closed.length ? closed[closed.length - 1].round : undefined,
  );
  const [team, setTeam] = useState<string>(EVERYONE);
  const filter = team === EVERYONE ? undefined : team;
  const all = useAsync(
    async () => (round ? api.getResults(survey.id, round) : undefined),
    [api, survey.id, round],
  );
  const narrowed = useAsync(
    async () =>
      round && filter ? api.getResults(survey.id, round, filter) : undefined,
    [api, survey.id, round, filter],
  );
  const trend = useAsync(() => api.getTrend(survey.id), [api, survey.id]);
  const refs = (all.value?.byTeam ?? []).flatMap(g => (g.team ? [g.team] : []));
  const names = useTeamNames(refs);
  const nameOf = (ref: string | null) =>
    ref === null ? NO_TEAM : names.get(ref) ?? ref;

  if (!round) {
    return (
      <Text color="secondary">
        Results are shown once a round has closed: while answers still arrive, a
        change in the results would tell what the latest person answered.
      </Text>
    );
  }
  const shown = filter ? narrowed.value?.overall : all.value?.overall;
  const floor = all.value?.floor ?? 5;

  const exportCsv = async () =>
    saveBlob(
      await api.exportCsv(survey.id, round, filter),
      `survey-${survey.id}-round-${round}.csv`,
    );

  return (
    <Flex direction="column" gap="4" data-testid="results">
      <Flex gap="4" align="end">
        <Select
          label="Round"
          options={closed.map(r => ({
            id: String(r.round),
            label: `Round ${r.round} (closed ${r.closesAt.slice(0, 10)})`,
          }))}
          value={String(round)}
          onChange={key => key && setRound(Number(key))}
        />
        <Select
          label="Team"
          options={[
            { id: EVERYONE, label: 'Everyone' },
            ...refs.map(ref => ({ id: ref, label: nameOf(ref) })),
          ]}
          value={team}
          onChange={key => key && setTeam(String(key))}
        />
        <Button variant="secondary" onPress={exportCsv}>
          Export CSV
        </Button>
      </Flex>
      <ErrorAlert error={all.error ?? narrowed.error ?? trend.error} />
      {shown && (
        <GroupView
          id={filter ?? 'Everyone'}
          title={filter ? nameOf(filter) : 'Everyone'}
          group={shown}
          survey={survey}
          floor={floor}
        />
      )}
      {!filter &&
        all.value?.byTeam.map(g => (
          <GroupView
            key={g.team ?? ''}
            id={g.team ?? NO_TEAM}
            title={nameOf(g.team)}
            group={g}
            survey={survey}
            floor={floor}
            compact
          />
        ))}
      {trend.value && trend.value.points.length > 1 && (
        <Card>
          <CardHeader>
            <Text as="h3" variant="title-x-small">
              Trend across rounds (everyone)
            </Text>
          </CardHeader>
          <CardBody>
            <Flex direction="column" gap="1" data-testid="trend">
              {trend.value.points.map(p => (
                <Text key={p.round}>
                  Round {p.round}:{' '}
                  {p.enough
                    ? Object.entries(p.means ?? {})
                        .map(([id, mean]) => `${id} mean ${mean}`)
                        .join(' · ')
                    : 'Not enough responses'}
                </Text>
              ))}
            </Flex>
          </CardBody>
        </Card>
      )}
    </Flex>
  );
};
