import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { LodestarEntityNamePicker } from './LodestarEntityNamePicker';
import { LodestarEntityNamePickerFieldSchema } from './schema';
import { lodestarEntityNamePickerValidation } from './validation';

// Everything the scaffolder needs for `ui:field: LodestarEntityNamePicker`;
// loaded only when the Create page asks for its form fields.
export const lodestarEntityNamePickerField = {
  name: 'LodestarEntityNamePicker',
  component: LodestarEntityNamePicker,
  validation: lodestarEntityNamePickerValidation,
  schema: LodestarEntityNamePickerFieldSchema,
};

export const LodestarEntityNamePickerFormField = createFormField(
  lodestarEntityNamePickerField,
);
