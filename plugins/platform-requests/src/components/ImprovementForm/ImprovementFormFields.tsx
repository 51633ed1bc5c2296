/*
 * The fields of an improvement — title, problem, linked requests, scope,
 * target KPIs, planned day, owner — used by /improvements/new and by the
 * edit form on an improvement's page. Controlled: the page owns the values,
 * so nothing typed is lost when a save fails.
 */
import { Checkbox, CheckboxGroup, TextField } from '@backstage/ui';
import { LIMITS } from '@internal/plugin-platform-requests-common';
import { useGroupMembers, useGroups } from '../../hooks/useCatalogPeople';
import { usePlatformRequestsConfig } from '../../hooks/usePlatformRequestsConfig';
import { EntityRefSelect } from '../pickers';
import { MarkdownField } from '../shared';
import { ImprovementFormValues } from './improvementFormValues';
import { TargetKpiPicker } from './TargetKpiPicker';

export const ImprovementFormFields = (props: {
  values: ImprovementFormValues;
  onChange: (values: ImprovementFormValues) => void;
}) => {
  const { values, onChange } = props;
  const config = usePlatformRequestsConfig();
  const groups = useGroups();
  const members = useGroupMembers(config.value?.platformTeam);
  const set =
    <K extends keyof ImprovementFormValues>(key: K) =>
    (value: ImprovementFormValues[K]) =>
      onChange({ ...values, [key]: value });

  return (
    <>
      <TextField
        label="Title"
        isRequired
        value={values.title}
        onChange={set('title')}
        maxLength={LIMITS.titleMax}
      />
      <MarkdownField
        label="Problem"
        description="Markdown. What hurts today, for whom, and how you will know it is better."
        value={values.problem}
        onChange={set('problem')}
      />
      <TextField
        label="Requests it answers"
        description="Request keys, e.g. REQ-12, REQ-40. Their votes, teams and hours lost add up on the improvement."
        value={values.requests}
        onChange={set('requests')}
      />
      <CheckboxGroup
        label="For teams"
        description="Leave teams and services empty for everyone."
        value={values.teams}
        onChange={set('teams')}
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
        value={values.entities}
        onChange={set('entities')}
      />
      <TargetKpiPicker value={values.targetKpis} onChange={set('targetKpis')} />
      <TextField
        label="Planned for"
        description="A day, YYYY-MM-DD."
        value={values.plannedFor}
        onChange={set('plannedFor')}
      />
      <EntityRefSelect
        label="Owner"
        options={members.value}
        value={values.owner}
        onChange={set('owner')}
        anyLabel="Nobody yet"
      />
    </>
  );
};
