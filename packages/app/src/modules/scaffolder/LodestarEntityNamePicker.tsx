import { useScaffolderTheme } from '@backstage/plugin-scaffolder-react/alpha';
import { TextField as BuiTextField } from '@backstage/ui';
import MuiTextField from '@material-ui/core/TextField';
import { useState } from 'react';
import { nameProblems } from '@internal/plugin-scaffolder-lodestar-common';
import { LodestarEntityNamePickerProps } from './schema';

// The name of what a template creates: its repository and its catalog entry.
// Laid out like the stock EntityNamePicker; the scaffolder's field template
// adds `ui:help` and the validation errors below the input.
export const LodestarEntityNamePicker = (
  props: LodestarEntityNamePickerProps,
) => {
  const theme = useScaffolderTheme();
  const {
    onChange,
    required,
    disabled,
    schema: { title = 'Name', description },
    rawErrors = [],
    formData,
    uiSchema,
    idSchema,
    placeholder,
  } = props;
  const [touched, setTouched] = useState(false);
  const value = formData ?? '';

  // Templates also declare `pattern`, whose generic "must match pattern"
  // message is all the form shows on Next; say the actual reason as soon as
  // the user leaves the field (unless the form already shows that message).
  const problem = touched ? nameProblems(value) : undefined;
  const liveProblem =
    problem && !rawErrors.includes(problem) ? problem : undefined;
  const helperText = liveProblem ?? uiSchema['ui:description'] ?? description;
  const invalid = rawErrors.length > 0 || liveProblem !== undefined;
  const autoFocus = uiSchema['ui:autofocus'];

  // An empty string would satisfy `required`; undefined lets it report.
  const change = (next: string) => onChange(next === '' ? undefined : next);

  if (theme === 'bui') {
    return (
      <BuiTextField
        id={idSchema?.$id}
        label={title}
        description={helperText}
        secondaryLabel={required ? 'Required' : undefined}
        placeholder={placeholder}
        isRequired={required}
        isDisabled={disabled}
        isInvalid={invalid}
        value={value}
        onChange={change}
        onBlur={() => setTouched(true)}
        // Only when the template asks for it with `ui:autofocus`.
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus={autoFocus}
      />
    );
  }

  return (
    <MuiTextField
      id={idSchema?.$id}
      label={title}
      placeholder={placeholder}
      helperText={helperText}
      required={required}
      disabled={disabled}
      value={value}
      onChange={event => change(event.target.value)}
      onBlur={() => setTouched(true)}
      margin="normal"
      error={invalid}
      inputProps={{
        autoFocus,
        autoCapitalize: 'none',
        autoCorrect: 'off',
        spellCheck: false,
      }}
      FormHelperTextProps={{ margin: 'dense', style: { marginLeft: 0 } }}
    />
  );
};
