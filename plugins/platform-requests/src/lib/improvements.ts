/*
 * How improvements are named on screen: their statuses and the KPIs they
 * target (IMPACT_KPIS from the KPI plugin, or a survey question's score).
 */
import { IMPACT_KPIS } from '@internal/plugin-platform-kpis-common';
import { ImprovementStatus } from '@internal/plugin-platform-requests-common';

export const IMPROVEMENT_STATUS_LABELS: Record<ImprovementStatus, string> = {
  proposed: 'Proposed',
  planned: 'Planned',
  in_progress: 'In progress',
  shipped: 'Shipped',
  dropped: 'Dropped',
};

export const IMPACT_KPI_TITLES: Record<(typeof IMPACT_KPIS)[number], string> = {
  leadTime: 'Lead time for changes',
  deploymentFrequency: 'Deployment frequency',
  changeFailureRate: 'Change failure rate',
  timeToRestore: 'Time to restore service',
  hoursLost: 'Hours lost per week (requests)',
  templateRuns: 'Golden-path adoption (template runs)',
};

export function kpiTitle(id: string): string {
  if (id in IMPACT_KPI_TITLES) {
    return IMPACT_KPI_TITLES[id as keyof typeof IMPACT_KPI_TITLES];
  }
  const survey = /^survey:([^:]+):(.+)$/.exec(id);
  return survey ? `Survey score (${survey[1]}, ${survey[2]})` : id;
}
