/*
 * The "KPIs it means to move" choice of the improvement form. Its own
 * component so what it offers (the KPI plugin's list, later survey scores)
 * changes in one place for both creating and editing.
 */
import { Checkbox, CheckboxGroup } from '@backstage/ui';
import { IMPACT_KPIS } from '@internal/plugin-platform-kpis-common';
import { IMPACT_KPI_TITLES } from '../../lib/improvements';

export const TargetKpiPicker = (props: {
  value: string[];
  onChange: (value: string[]) => void;
}) => (
  <CheckboxGroup
    label="KPIs it means to move"
    value={props.value}
    onChange={props.onChange}
  >
    {IMPACT_KPIS.map(k => (
      <Checkbox key={k} value={k}>
        {IMPACT_KPI_TITLES[k]}
      </Checkbox>
    ))}
  </CheckboxGroup>
);
