/*
 * The list's filter bar. Every change goes straight to the URL; the search
 * box waits until typing pauses.
 */
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Button, Flex, SearchField, Select, Switch, Text } from '@backstage/ui';
import {
  REQUEST_STATUSES,
  SORTS,
  STATUS_LABELS,
} from '@internal/plugin-platform-requests-common';
import { useEffect, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { PlatformRequestsConfig, RequestSort } from '../../api';
import { useGroupMembers, useGroups } from '../../hooks/useCatalogPeople';
import { ANY, EntityRefSelect } from '../pickers';
import { ListFilters, SORT_LABELS } from './listFilters';

export const SEARCH_DELAY_MS = 400;

export type RequestFiltersProps = {
  filters: ListFilters;
  onChange: (
    patch: Partial<ListFilters>,
    options?: { replace?: boolean },
  ) => void;
  config: PlatformRequestsConfig | undefined;
};

export const RequestFilters = (props: RequestFiltersProps) => {
  const { filters, onChange, config } = props;
  const groups = useGroups();
  const members = useGroupMembers(config?.platformTeam);

  // The search box is local until typing pauses, then lands in the URL.
  const [q, setQ] = useState(filters.q);
  useEffect(() => setQ(filters.q), [filters.q]);
  useDebounce(
    () => {
      if (q.trim() !== filters.q) onChange({ q: q.trim() }, { replace: true });
    },
    SEARCH_DELAY_MS,
    [q],
  );

  return (
    <Flex direction="column" gap="3">
      <SearchField
        label="Search requests"
        placeholder="Words in the title, description or comments"
        value={q}
        onChange={setQ}
      />
      <Flex gap="3" align="end" style={{ flexWrap: 'wrap' }}>
        <Select
          label="Status"
          selectionMode="multiple"
          placeholder="Any status"
          options={REQUEST_STATUSES.map(s => ({
            id: s,
            label: STATUS_LABELS[s],
          }))}
          value={filters.status}
          onChange={keys =>
            onChange({
              status: REQUEST_STATUSES.filter(s => keys.includes(s)),
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
            onChange({ category: key && key !== ANY ? String(key) : undefined })
          }
        />
        <EntityRefSelect
          label="Team"
          anyLabel="Any team"
          options={groups.value}
          value={filters.team}
          onChange={team => onChange({ team })}
        />
        <EntityRefSelect
          label="Assignee"
          anyLabel="Anyone"
          options={members.value}
          value={filters.assignee}
          onChange={assignee => onChange({ assignee })}
        />
        <Select
          label="Sort"
          options={SORTS.map(s => ({ id: s, label: SORT_LABELS[s] }))}
          value={filters.sort}
          onChange={key =>
            key && onChange({ sort: String(key) as RequestSort })
          }
        />
        <Switch
          label="Filed by me"
          isSelected={filters.mine}
          onChange={mine => onChange({ mine })}
        />
        <Switch
          label="Watching"
          isSelected={filters.watching}
          onChange={watching => onChange({ watching })}
        />
      </Flex>
      {filters.entity && (
        <Flex gap="2" align="center">
          <Text variant="body-small">
            Only requests about{' '}
            <bdi>
              <EntityRefLink entityRef={filters.entity} hideIcon />
            </bdi>
          </Text>
          <Button
            size="small"
            variant="tertiary"
            onPress={() => onChange({ entity: undefined })}
          >
            Show all
          </Button>
        </Flex>
      )}
    </Flex>
  );
};
