import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';

// The field's value and `ui:options`, also shown in the template editor's
// custom field explorer.
export const LodestarEntityNamePickerFieldSchema = makeFieldSchema({
  output: z => z.string(),
  uiOptions: z =>
    z.object({
      reservedSuffixes: z
        .array(z.string())
        .optional()
        .describe(
          'Suffixes of further entities the template creates, e.g. ["-api"] when it also registers <name>-api; those names must be free too.',
        ),
    }),
});

export type LodestarEntityNamePickerProps =
  typeof LodestarEntityNamePickerFieldSchema.TProps;

export type LodestarEntityNamePickerUiOptions = {
  reservedSuffixes?: string[];
};
