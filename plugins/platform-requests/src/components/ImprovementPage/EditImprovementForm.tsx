/*
 * Editing an improvement in place, for the platform team: the same fields
 * as /improvements/new (ImprovementFormFields), saved with PATCH and the
 * version as If-Match. When someone else saved first (412) nothing typed is
 * lost: Reload takes in their version underneath the form, and saving
 * again then applies these edits on top of it.
 */
import { useApi } from '@backstage/frontend-plugin-api';
import { Button, Flex } from '@backstage/ui';
import { Improvement } from '@internal/plugin-platform-requests-common';
import { useState } from 'react';
import { improvementsApiRef } from '../../api';
import { useAction } from '../../hooks/useAction';
import {
  ImprovementFormFields,
  improvementFormValues,
  toImprovementInput,
} from '../ImprovementForm';
import { StaleVersionAlert } from '../TransitionDialogs';

const CHANGED_ELSEWHERE = {
  title: 'Someone else changed this improvement',
  description:
    'Your edits were not saved, and they are still in the form. Reload to take in the current version (what you typed stays), check it, then save again.',
};

export const EditImprovementForm = (props: {
  improvement: Improvement;
  onSaved: (updated: Improvement) => void;
  onReloaded: (current: Improvement) => void;
  onCancel: () => void;
}) => {
  const { improvement } = props;
  const api = useApi(improvementsApiRef);
  const { run, pending, error, clearError } = useAction();
  // Filled in once: reloading the improvement keeps what was typed.
  const [values, setValues] = useState(() =>
    improvementFormValues(improvement),
  );

  const save = async () => {
    const updated = await run(() =>
      api.updateImprovement(
        improvement.id,
        improvement.version,
        toImprovementInput(values),
      ),
    );
    if (updated) props.onSaved(updated);
  };
  const reload = async () => {
    const current = await run(() => api.getImprovement(improvement.id));
    if (current) {
      props.onReloaded(current);
      clearError();
    }
  };

  return (
    <Flex direction="column" gap="4" style={{ maxWidth: 720 }}>
      <ImprovementFormFields values={values} onChange={setValues} />
      {error !== undefined && (
        <StaleVersionAlert
          error={error}
          onReload={reload}
          text={CHANGED_ELSEWHERE}
        />
      )}
      <Flex gap="2">
        <Button variant="primary" isPending={pending} onPress={save}>
          Save changes
        </Button>
        <Button variant="secondary" onPress={props.onCancel}>
          Cancel
        </Button>
      </Flex>
    </Flex>
  );
};
