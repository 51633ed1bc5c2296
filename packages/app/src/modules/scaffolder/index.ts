import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import {
  templateEditorForManagers,
  templateEditorRefused,
} from './templateEditor';

// Lodestar's own form fields for the Create page, added to the scaffolder
// plugin next to its stock fields (EntityNamePicker, OwnerPicker, ...).
const lodestarEntityNamePickerFormField = FormFieldBlueprint.make({
  name: 'lodestar-entity-name-picker',
  params: {
    field: () =>
      import('./field').then(m => m.LodestarEntityNamePickerFormField),
  },
});

export const scaffolderFieldsModule = createFrontendModule({
  pluginId: 'scaffolder',
  extensions: [lodestarEntityNamePickerFormField],
});

// The Template Editor for those who manage templates only (templateEditor.tsx).
export const templateEditorModule = createFrontendModule({
  pluginId: 'scaffolder',
  extensions: [templateEditorForManagers, templateEditorRefused],
});
