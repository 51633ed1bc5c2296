/*
 * The triage board's filters: urgency, category and requesting team. The
 * columns pass them to the server, so counts and pages are of what is shown.
 */
import { Flex, Select } from '@backstage/ui';
import { URGENCIES, Urgency } from '@internal/plugin-platform-requests-common';
import { PlatformRequestsConfig } from '../../api';
import { useGroups } from '../../hooks/useCatalogPeople';
import { URGENCY_LABELS } from '../../lib/format';
import { ANY, EntityRefSelect } from '../pickers';

export type BoardFilters = {
  urgency: Urgency[];
  category?: string;
  team?: string;
};

export const NO_BOARD_FILTERS: BoardFilters = { urgency: [] };

export const TriageFilters = (props: {
  filters: BoardFilters;
  onChange: (filters: BoardFilters) => void;
  config: PlatformRequestsConfig | undefined;
}) => {
  const { filters, onChange, config } = props;
  const groups = useGroups();
  return (
    <Flex gap="3" align="end" style={{ flexWrap: 'wrap' }}>
      <Select
        label="Urgency"
        selectionMode="multiple"
        placeholder="Any urgency"
        // Most urgent first, as the columns are sorted.
        options={[...URGENCIES].reverse().map(u => ({
          id: u,
          label: URGENCY_LABELS[u],
        }))}
        value={filters.urgency}
        onChange={keys =>
          onChange({
            ...filters,
            urgency: URGENCIES.filter(u => keys.includes(u)),
          })
        }
      />
      <Select
        label="Category"
        options={[
          { id: ANY, label: 'Any category' },
          ...(config?.categories ?? []).map(c => ({
            id: c.id,
            label: c.title,
          })),
        ]}
        value={filters.category ?? ANY}
        onChange={key =>
          onChange({
            ...filters,
            category: key && key !== ANY ? String(key) : undefined,
          })
        }
      />
      <EntityRefSelect
        label="Team"
        anyLabel="Any team"
        options={groups.value}
        value={filters.team}
        onChange={team => onChange({ ...filters, team })}
      />
    </Flex>
  );
};
