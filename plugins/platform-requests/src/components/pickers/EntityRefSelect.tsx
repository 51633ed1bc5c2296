/*
 * A searchable single choice among catalog entities (teams, platform-team
 * members), optionally with an "any" entry for filters. React Aria based, so
 * it also works inside a Dialog.
 */
import { Select } from '@backstage/ui';
import { EntityOption } from '../../hooks/useCatalogPeople';

/** The key of the "any" entry; entity refs always contain a colon. */
export const ANY = '__any__';

export type EntityRefSelectProps = {
  label: string;
  options: EntityOption[] | undefined;
  value: string | undefined;
  onChange: (ref: string | undefined) => void;
  /** Label of an entry that clears the choice, e.g. "Any team". */
  anyLabel?: string;
  description?: string;
  isRequired?: boolean;
  isDisabled?: boolean;
  errorMessage?: string;
};

export const EntityRefSelect = (props: EntityRefSelectProps) => {
  const known = props.options ?? [];
  // Keep a value that is not (yet) among the options selectable and visible.
  const extra =
    props.value && !known.some(o => o.ref === props.value)
      ? [{ ref: props.value, label: props.value }]
      : [];
  const options = [
    ...(props.anyLabel ? [{ id: ANY, label: props.anyLabel }] : []),
    ...[...extra, ...known].map(o => ({ id: o.ref, label: o.label })),
  ];
  return (
    <Select
      label={props.label}
      description={props.description}
      isRequired={props.isRequired}
      isDisabled={props.isDisabled}
      options={options}
      search={options.length > 8 ? true : undefined}
      value={props.value ?? (props.anyLabel ? ANY : null)}
      onChange={key => {
        const ref = key === null || key === ANY ? undefined : String(key);
        props.onChange(ref);
      }}
      validationBehavior="aria"
      validate={() => props.errorMessage}
    />
  );
};
