/*
 * The "KPIs it means to move" choice of the improvement form: the KPI
 * plugin's list and the survey questions' scores. Its own component so what
 * it offers changes in one place for both creating and editing.
 */
import { Checkbox, CheckboxGroup, Text } from '@backstage/ui';
import { IMPACT_KPIS } from '@internal/plugin-platform-kpis-common';
import { useSurveyScores } from '../../hooks/useSurveyScores';
import { IMPACT_KPI_TITLES } from '../../lib/improvements';

export const TargetKpiPicker = (props: {
  value: string[];
  onChange: (value: string[]) => void;
}) => {
  const surveyScores = useSurveyScores();
  return (
    <>
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
    </>
  );
};
