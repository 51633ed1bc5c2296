/*
 * /kpis: DORA, the intake flow, golden-path adoption and catalog health for
 * the organisation or one team (DORA also for one service), over the chosen
 * window. Filters live in the URL; each section loads on its own.
 */
import { usePermission } from '@backstage/plugin-permission-react';
import { platformKpisUnmatchedReadPermission } from '@internal/plugin-platform-kpis-common';
import { Container, Flex, Text } from '@backstage/ui';
import { useKpiFilters } from '../../hooks/useKpiFilters';
import {
  useAdoption,
  useCatalogHealth,
  useDora,
  useFlow,
  useShippedImprovements,
  useUnmatchedSources,
} from '../../hooks/useKpiSummaries';
import { useServiceOwner } from '../../hooks/useServiceOwner';
import { useTeams } from '../../hooks/useTeams';
import { doraQuery, teamQuery } from '../../lib/filters';
import { AdoptionSection } from '../AdoptionSection';
import { CatalogHealthSection } from '../CatalogHealthSection';
import { DoraSection } from '../DoraSection';
import { FlowSection } from '../FlowSection';
import { ShippedImprovementsSection } from '../ShippedImprovementsSection';
import { UnmatchedSourcesSection } from '../UnmatchedSourcesSection';
import { ExportButtons } from './ExportButtons';
import { KpiFilterBar } from './KpiFilterBar';
import { ScopeBreadcrumb } from './ScopeBreadcrumb';

export const KpiPage = () => {
  const [filters, setFilters] = useKpiFilters();
  const { teams, labels } = useTeams();
  const serviceOwner = useServiceOwner(
    filters.service && !filters.team ? filters.service : undefined,
  );
  // The page shows the window before, the trend and the level below.
  const dora = useDora({
    ...doraQuery(filters),
    include: ['previous', 'series', 'breakdown'],
  });
  const flow = useFlow(teamQuery(filters));
  const adoption = useAdoption(teamQuery(filters));
  const catalogHealth = useCatalogHealth(teamQuery(filters));
  const shipped = useShippedImprovements();
  const unmatched = useUnmatchedSources(
    usePermission({ permission: platformKpisUnmatchedReadPermission }).allowed,
  );

  // What is on screen is what gets exported: no stale or failed answers.
  const current = <T,>(state: { value?: T; error?: Error; loading: boolean }) =>
    state.error || state.loading ? undefined : state.value;

  return (
    <Container py="4">
      <Flex direction="column" gap="6">
        <Flex direction="column" gap="3">
          <Text color="secondary">
            How the teams deliver, how the platform team's intake flows, how far
            the golden paths reach, and how healthy the catalog is.
          </Text>
          <Flex justify="between" align="end" style={{ flexWrap: 'wrap' }}>
            <KpiFilterBar
              filters={filters}
              teams={teams}
              onChange={setFilters}
            />
            <ExportButtons
              filters={filters}
              summaries={{
                dora: current(dora),
                flow: current(flow),
                adoption: current(adoption),
                catalogHealth: current(catalogHealth),
              }}
            />
          </Flex>
          <ScopeBreadcrumb
            filters={filters}
            serviceOwner={serviceOwner}
            labels={labels}
          />
        </Flex>
        <DoraSection
          state={dora}
          labels={labels}
          shipped={shipped.value?.map(i => i.improvement)}
        />
        <ShippedImprovementsSection state={shipped} labels={labels} />
        <FlowSection state={flow} labels={labels} />
        <AdoptionSection state={adoption} labels={labels} />
        <CatalogHealthSection state={catalogHealth} labels={labels} />
        <UnmatchedSourcesSection state={unmatched} />
      </Flex>
    </Container>
  );
};
