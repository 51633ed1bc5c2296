/*
 * Downloads every KPI in view for the current filters: CSV (a row per
 * metric, breakdowns included) or JSON (the summaries as loaded). A section
 * still loading or failed is left out.
 */
import { Button, Flex } from '@backstage/ui';
import { saveBlob } from '@internal/lodestar-react';
import {
  exportFilename,
  hasSummaries,
  kpiCsv,
  kpiJson,
  KpiSummaries,
} from '../../lib/exportKpis';
import { KpiFilters } from '../../lib/filters';

export type ExportButtonsProps = {
  filters: KpiFilters;
  summaries: KpiSummaries;
};

export const ExportButtons = ({ filters, summaries }: ExportButtonsProps) => {
  const disabled = !hasSummaries(summaries);
  return (
    <Flex gap="2">
      <Button
        variant="secondary"
        isDisabled={disabled}
        onPress={() =>
          saveBlob(
            new Blob([kpiCsv(summaries)], { type: 'text/csv;charset=utf-8' }),
            exportFilename(filters, 'csv'),
          )
        }
      >
        Export CSV
      </Button>
      <Button
        variant="secondary"
        isDisabled={disabled}
        onPress={() =>
          saveBlob(
            new Blob([kpiJson(summaries, filters)], {
              type: 'application/json',
            }),
            exportFilename(filters, 'json'),
          )
        }
      >
        Export JSON
      </Button>
    </Flex>
  );
};
