/*
 * The requester's fields, shared by "file a request" and the edit dialog:
 * title, Markdown description, category, urgency, impact, team, related
 * entities and tags, each showing its own validation message.
 */
import { Flex, NumberField, Select, TextField } from '@backstage/ui';
import { LIMITS, Urgency } from '@internal/plugin-platform-requests-common';
import { PlatformRequestsConfig } from '../../api';
import { useGroups } from '../../hooks/useCatalogPeople';
import { URGENCY_LABELS } from '../../lib/format';
import { FieldErrors } from '../../lib/validation';
import { EntityRefSelect, RelatedEntitiesPicker } from '../pickers';
import { MarkdownField } from '../shared';
import { RequestFormState } from './requestForm';

export type RequestFieldsProps = {
  form: RequestFormState;
  onChange: (patch: Partial<RequestFormState>) => void;
  errors: FieldErrors;
  config: PlatformRequestsConfig | undefined;
  /** The dialog leaves related entities to the page (no popup in a modal). */
  showRelatedEntities?: boolean;
};

export const RequestFields = (props: RequestFieldsProps) => {
  const { form, onChange, errors, config } = props;
  const groups = useGroups();
  const urgencies =
    config?.urgencies ?? (Object.keys(URGENCY_LABELS) as Urgency[]);

  return (
    <Flex direction="column" gap="4">
      <TextField
        label="Title"
        description="One line: what is in your way?"
        isRequired
        value={form.title}
        onChange={title => onChange({ title })}
        maxLength={LIMITS.titleMax}
        validationBehavior="aria"
        validate={() => errors.title}
      />
      <MarkdownField
        label="Description"
        description="Markdown. What happens today, what you need, who is affected."
        value={form.description}
        onChange={description => onChange({ description })}
        errorMessage={errors.description}
      />
      <Flex gap="4" direction={{ initial: 'column', sm: 'row' }}>
        <Select
          label="Category"
          isRequired
          options={(config?.categories ?? []).map(c => ({
            id: c.id,
            label: c.title,
          }))}
          value={form.category || null}
          onChange={key => onChange({ category: key ? String(key) : '' })}
          validationBehavior="aria"
          validate={() => errors.category}
        />
        <Select
          label="Urgency"
          isRequired
          options={urgencies.map(u => ({
            id: u,
            label: URGENCY_LABELS[u] ?? u,
          }))}
          value={form.urgency}
          onChange={key => key && onChange({ urgency: String(key) as Urgency })}
          validationBehavior="aria"
          validate={() => errors.urgency}
        />
      </Flex>
      <Flex gap="4" direction={{ initial: 'column', sm: 'row' }}>
        {/* Each number takes half the row; alone, the first one filled it. */}
        <div style={{ flex: 1, minWidth: 0 }}>
          <NumberField
            label="People affected"
            minValue={0}
            value={form.peopleAffected}
            onChange={peopleAffected => onChange({ peopleAffected })}
            validationBehavior="aria"
            validate={() => errors['impact.peopleAffected']}
          />
        </div>
        <div style={{ flex: 1, minWidth: 0 }}>
          <NumberField
            label="Hours lost per week"
            description="Across everyone affected"
            minValue={0}
            value={form.hoursLostPerWeek}
            onChange={hoursLostPerWeek => onChange({ hoursLostPerWeek })}
            validationBehavior="aria"
            validate={() => errors['impact.hoursLostPerWeek']}
          />
        </div>
      </Flex>
      <EntityRefSelect
        label="Requesting team"
        description="The team that needs this; defaults to yours"
        options={groups.value}
        value={form.requestingTeam}
        onChange={requestingTeam => onChange({ requestingTeam })}
        errorMessage={errors.requestingTeam}
      />
      {props.showRelatedEntities !== false && (
        <RelatedEntitiesPicker
          value={form.relatedEntities}
          onChange={relatedEntities => onChange({ relatedEntities })}
          errorMessage={errors.relatedEntities}
        />
      )}
      <TextField
        label="Tags"
        description="Comma-separated, lowercase, e.g. ci, kubernetes"
        value={form.tags}
        onChange={tags => onChange({ tags })}
        validationBehavior="aria"
        validate={() => errors.tags}
      />
    </Flex>
  );
};
