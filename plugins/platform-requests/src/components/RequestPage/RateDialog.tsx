/*
 * The requester rates a done request from 1 to 5: how well the platform
 * team's answer solved the problem.
 */
import { useApi } from '@backstage/frontend-plugin-api';
import { Radio, RadioGroup, TextAreaField } from '@backstage/ui';
import {
  LIMITS,
  ratingSchema,
} from '@internal/plugin-platform-requests-common';
import { useEffect, useState } from 'react';
import { platformRequestsApiRef } from '../../api';
import { RequestDialogProps } from '../TransitionDialogs';
import { ActionDialog } from '../TransitionDialogs';

const SCORES = ['1', '2', '3', '4', '5'];

export const RateDialog = (props: RequestDialogProps) => {
  const api = useApi(platformRequestsApiRef);
  const [score, setScore] = useState<string>('');
  const [comment, setComment] = useState('');
  useEffect(() => {
    if (props.open) {
      setScore('');
      setComment('');
    }
  }, [props.open]);

  const rate = async () => {
    const input = ratingSchema.parse({
      score: Number(score),
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    });
    props.onDone(await api.rate(props.request.key, input));
  };

  return (
    <ActionDialog
      title={`Rate ${props.request.key}`}
      open={props.open}
      onClose={props.onClose}
      confirmLabel="Rate"
      canConfirm={score !== ''}
      onConfirm={rate}
    >
      <RadioGroup
        label="How well did this solve your problem? (1 = not at all, 5 = fully)"
        orientation="horizontal"
        value={score}
        onChange={setScore}
      >
        {SCORES.map(s => (
          <Radio key={s} value={s}>
            {s}
          </Radio>
        ))}
      </RadioGroup>
      <TextAreaField
        label="Comment (optional)"
        maxLength={LIMITS.reasonMax}
        value={comment}
        onChange={setComment}
      />
    </ActionDialog>
  );
};
