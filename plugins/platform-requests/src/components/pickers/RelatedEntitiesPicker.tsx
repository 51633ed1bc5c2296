/*
 * Pick the catalog entities a request is about (services, APIs, systems,
 * resources): searched in the catalog as the user types.
 */
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { EntityOption, entityOption } from '../../hooks/useCatalogPeople';

const KINDS = ['Component', 'API', 'System', 'Resource'];

export type RelatedEntitiesPickerProps = {
  value: EntityOption[];
  onChange: (value: EntityOption[]) => void;
  errorMessage?: string;
};

export const RelatedEntitiesPicker = (props: RelatedEntitiesPickerProps) => {
  const catalogApi = useApi(catalogApiRef);
  const [input, setInput] = useState('');
  const [term, setTerm] = useState('');
  useDebounce(() => setTerm(input.trim()), 250, [input]);

  const { value: options, loading } = useAsync(async () => {
    const { items } = await catalogApi.queryEntities({
      filter: { kind: KINDS },
      ...(term
        ? {
            fullTextFilter: {
              term,
              fields: ['metadata.name', 'metadata.title'],
            },
          }
        : {}),
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title'],
      orderFields: { field: 'metadata.name', order: 'asc' },
      limit: 20,
    });
    return items.map(e => ({
      ...entityOption(e),
      label: `${entityOption(e).label} (${e.kind.toLocaleLowerCase('en-US')})`,
    }));
  }, [catalogApi, term]);

  return (
    <Autocomplete
      multiple
      disablePortal
      filterSelectedOptions
      // The chosen ones stay among the options (hidden by
      // filterSelectedOptions), as Autocomplete expects of its value.
      options={[
        ...props.value,
        ...(options ?? []).filter(o => !props.value.some(v => v.ref === o.ref)),
      ]}
      loading={loading}
      value={props.value}
      getOptionLabel={o => o.label}
      getOptionSelected={(a, b) => a.ref === b.ref}
      onChange={(_e, value) => props.onChange(value)}
      inputValue={input}
      onInputChange={(_e, value) => setInput(value)}
      renderInput={params => (
        <TextField
          {...params}
          label="Related entities"
          helperText={
            props.errorMessage ??
            'The services, APIs or systems this request is about'
          }
          error={Boolean(props.errorMessage)}
          variant="outlined"
          size="small"
        />
      )}
    />
  );
};
