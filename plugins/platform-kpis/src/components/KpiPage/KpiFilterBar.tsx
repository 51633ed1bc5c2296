/*
 * The page's filters: the time range and the team ("All teams" is the
 * organisation). Every change goes straight to the URL.
 */
import { Flex, Select } from '@backstage/ui';
import { WINDOWS, WindowName } from '@internal/plugin-platform-kpis-common';
import { TeamOption } from '../../hooks/useTeams';
import { KpiFilters, WINDOW_LABELS } from '../../lib/filters';
import { shortRef } from '../../lib/refs';

/** The key of "All teams"; entity refs always contain a colon. */
const ALL_TEAMS = '__all__';

export type KpiFilterBarProps = {
  filters: KpiFilters;
  teams: TeamOption[] | undefined;
  onChange: (patch: Partial<KpiFilters>) => void;
};

export const KpiFilterBar = ({
  filters,
  teams,
  onChange,
}: KpiFilterBarProps) => {
  const known = teams ?? [];
  // A team from a shared link stays visible before (or without) the catalog.
  const extra =
    filters.team && !known.some(t => t.ref === filters.team)
      ? [{ ref: filters.team, label: shortRef(filters.team) }]
      : [];
  const teamOptions = [
    { id: ALL_TEAMS, label: 'All teams' },
    ...[...extra, ...known].map(t => ({ id: t.ref, label: t.label })),
  ];
  return (
    <Flex gap="3" align="end" style={{ flexWrap: 'wrap' }}>
      <Select
        label="Time range"
        options={WINDOWS.map(w => ({ id: w, label: WINDOW_LABELS[w] }))}
        value={filters.window}
        onChange={key => key && onChange({ window: String(key) as WindowName })}
      />
      <Select
        label="Team"
        options={teamOptions}
        search={teamOptions.length > 8 ? true : undefined}
        value={filters.team ?? ALL_TEAMS}
        onChange={key =>
          onChange({
            team: key === null || key === ALL_TEAMS ? undefined : String(key),
          })
        }
      />
    </Flex>
  );
};
