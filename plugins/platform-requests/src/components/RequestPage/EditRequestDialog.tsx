/*
 * The requester edits a new request. The PATCH carries the version the form
 * was filled from (If-Match); when someone else got there first the server
 * answers 412 and the dialog says so and offers a reload.
 */
import { useApi } from '@backstage/frontend-plugin-api';
import { PlatformRequest } from '@internal/plugin-platform-requests-common';
import { useEffect, useState } from 'react';
import { platformRequestsApiRef } from '../../api';
import { usePlatformRequestsConfig } from '../../hooks/usePlatformRequestsConfig';
import {
  describeFieldErrors,
  FieldErrors,
  validateUpdateRequest,
} from '../../lib/validation';
import {
  fromRequest,
  RequestFields,
  RequestFormState,
  toUpdateInput,
} from '../FileRequestPage';
import { ActionDialog, StaleVersionAlert } from '../TransitionDialogs';

export type EditRequestDialogProps = {
  request: PlatformRequest;
  open: boolean;
  onClose: () => void;
  onSaved: (updated: PlatformRequest) => void;
  /** Fetch the current version; the form refills from it. */
  onReload: () => void;
};

export const EditRequestDialog = (props: EditRequestDialogProps) => {
  const { request, open } = props;
  const api = useApi(platformRequestsApiRef);
  const config = usePlatformRequestsConfig();
  const [form, setForm] = useState<RequestFormState>(() =>
    fromRequest(request),
  );
  const [attempted, setAttempted] = useState(false);

  useEffect(() => {
    if (open) {
      setForm(fromRequest(request));
      setAttempted(false);
    }
    // Refill when opened and when a reload brings a new version.
  }, [open, request]);

  const patch = toUpdateInput(form, request);
  const errors: FieldErrors =
    attempted && Object.keys(patch).length > 0
      ? validateUpdateRequest(patch)
      : {};

  const save = async () => {
    setAttempted(true);
    if (Object.keys(patch).length === 0) return;
    const problems = describeFieldErrors(validateUpdateRequest(patch));
    if (problems.length > 0) throw new Error(problems.join('; '));
    props.onSaved(await api.updateRequest(request.key, request.version, patch));
  };

  return (
    <ActionDialog
      title={`Edit ${request.key}`}
      open={open}
      onClose={props.onClose}
      confirmLabel="Save"
      onConfirm={save}
      renderError={error => (
        <StaleVersionAlert error={error} onReload={props.onReload} />
      )}
    >
      <RequestFields
        form={form}
        onChange={p => setForm(f => ({ ...f, ...p }))}
        errors={errors}
        config={config.value}
      />
    </ActionDialog>
  );
};
