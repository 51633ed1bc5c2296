/*
 * /improvements/new: the platform team writes down an improvement — its
 * problem, the requests it answers, whom it is for (teams, services, or
 * everyone), the KPIs it means to move (a survey question's score among
 * them), when and who. The server validates
 * again and names the field of anything it refuses.
 */
import { useApi, useAppNavigate } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Button,
  Checkbox,
  CheckboxGroup,
  Container,
  Flex,
  Text,
  TextField,
} from '@backstage/ui';
import { IMPACT_KPIS } from '@internal/plugin-platform-kpis-common';
import {
  CreateImprovementInput,
  improvementCreatePermission,
  LIMITS,
} from '@internal/plugin-platform-requests-common';
import { useState } from 'react';
import { improvementsApiRef } from '../../api';
import { useAction } from '../../hooks/useAction';
import { useGroupMembers, useGroups } from '../../hooks/useCatalogPeople';
import { useImprovementLinks } from '../../hooks/useImprovementLinks';
import { usePlatformRequestsConfig } from '../../hooks/usePlatformRequestsConfig';
import { useSurveyScores } from '../../hooks/useSurveyScores';
import { IMPACT_KPI_TITLES } from '../../lib/improvements';
import { EntityRefSelect } from '../pickers';
import { ErrorAlert, MarkdownField } from '../shared';

/** "REQ-1, REQ-4 REQ-7" → ["REQ-1", "REQ-4", "REQ-7"]. */
export function parseRequestKeys(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map(k => k.trim().toUpperCase())
    .filter(Boolean);
}

export const NewImprovementPage = () => {
  const api = useApi(improvementsApiRef);
  const navigate = useAppNavigate();
  const { improvementLink, improvementsLink } = useImprovementLinks();
  const allowed = usePermission({ permission: improvementCreatePermission });
  const config = usePlatformRequestsConfig();
  const groups = useGroups();
  const members = useGroupMembers(config.value?.platformTeam);
  const surveyScores = useSurveyScores();
  const { run, pending, error } = useAction();

  const [title, setTitle] = useState('');
  const [problem, setProblem] = useState('');
  const [requests, setRequests] = useState('');
  const [teams, setTeams] = useState<string[]>([]);
  const [entities, setEntities] = useState('');
  const [targetKpis, setTargetKpis] = useState<string[]>([]);
  const [plannedFor, setPlannedFor] = useState('');
  const [owner, setOwner] = useState<string>();

  if (allowed.loading) return null;
  if (!allowed.allowed) {
    return (
      <Container py="4">
        <Text>Only the platform team creates improvements.</Text>
      </Container>
    );
  }

  const submit = async () => {
    const input: CreateImprovementInput = {
      title,
      problem,
      requests: parseRequestKeys(requests),
      scope: {
        teams,
        entities: entities
          .split(/[\s,]+/)
          .map(e => e.trim())
          .filter(Boolean),
      },
      targetKpis,
      plannedFor: plannedFor || null,
      owner: owner ?? null,
    };
    const created = await run(() => api.createImprovement(input));
    if (created)
      navigate(improvementLink(created.id) ?? improvementsLink ?? '/');
  };

  return (
    <Container py="4">
      <Flex direction="column" gap="4" style={{ maxWidth: 720 }}>
        <Text as="h2" variant="title-medium">
          New improvement
        </Text>
        <TextField
          label="Title"
          isRequired
          value={title}
          onChange={setTitle}
          maxLength={LIMITS.titleMax}
        />
        <MarkdownField
          label="Problem"
          description="Markdown. What hurts today, for whom, and how you will know it is better."
          value={problem}
          onChange={setProblem}
        />
        <TextField
          label="Requests it answers"
          description="Request keys, e.g. REQ-12, REQ-40. Their votes, teams and hours lost add up on the improvement."
          value={requests}
          onChange={setRequests}
        />
        <CheckboxGroup
          label="For teams"
          description="Leave teams and services empty for everyone."
          value={teams}
          onChange={setTeams}
        >
          {(groups.value ?? []).map(g => (
            <Checkbox key={g.ref} value={g.ref}>
              {g.label}
            </Checkbox>
          ))}
        </CheckboxGroup>
        <TextField
          label="For services"
          description="Entity references, e.g. component:default/checkout-api."
          value={entities}
          onChange={setEntities}
        />
        <CheckboxGroup
          label="KPIs it means to move"
          value={targetKpis}
          onChange={setTargetKpis}
        >
          {IMPACT_KPIS.map(k => (
            <Checkbox key={k} value={k}>
              {IMPACT_KPI_TITLES[k]}
            </Checkbox>
          ))}
          {(surveyScores.value ?? []).map(o => (
            <Checkbox key={o.kpi} value={o.kpi}>
              {`Survey score: ${o.label}`}
            </Checkbox>
          ))}
        </CheckboxGroup>
        {surveyScores.error && (
          <Text color="secondary">
            Survey scores cannot be offered: the surveys could not be read (
            {surveyScores.error.message}).
          </Text>
        )}
        <TextField
          label="Planned for"
          description="A day, YYYY-MM-DD."
          value={plannedFor}
          onChange={setPlannedFor}
        />
        <EntityRefSelect
          label="Owner"
          options={members.value}
          value={owner}
          onChange={setOwner}
          anyLabel="Nobody yet"
        />
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
