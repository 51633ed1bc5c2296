export { ImprovementFormFields } from './ImprovementFormFields';
export { TargetKpiPicker } from './TargetKpiPicker';
export {
  EMPTY_IMPROVEMENT_FORM,
  improvementFormValues,
  parseRequestKeys,
  toImprovementInput,
} from './improvementFormValues';
export type { ImprovementFormValues } from './improvementFormValues';
