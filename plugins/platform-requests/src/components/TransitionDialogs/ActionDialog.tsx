/*
 * A modal that confirms one action on a request: it stays open with the
 * server's message when the action is refused (a 409 names the allowed
 * transitions), and closes once it succeeds.
 */
import {
  Button,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
  Flex,
} from '@backstage/ui';
import { ReactNode, useEffect } from 'react';
import { useAction } from '../../hooks/useAction';
import { ErrorAlert } from '../shared';

export type ActionDialogProps = {
  title: string;
  open: boolean;
  onClose: () => void;
  confirmLabel: string;
  /** Resolves when done; throws to keep the dialog open with the message. */
  onConfirm: () => Promise<unknown>;
  canConfirm?: boolean;
  destructive?: boolean;
  /** Shown instead of the raw error, e.g. to explain a 412. */
  renderError?: (error: unknown) => ReactNode;
  children?: ReactNode;
};

export const ActionDialog = (props: ActionDialogProps) => {
  const { run, pending, error, clearError } = useAction();
  const { open } = props;
  useEffect(() => {
    if (open) clearError();
  }, [open, clearError]);

  const confirm = async () => {
    const done = await run(async () => {
      await props.onConfirm();
      return true;
    });
    if (done) props.onClose();
  };

  return (
    <Dialog
      isOpen={open}
      onOpenChange={isOpen => !isOpen && props.onClose()}
      width={520}
    >
      <DialogHeader>{props.title}</DialogHeader>
      <DialogBody>
        <Flex direction="column" gap="3">
          {props.children}
          {error !== undefined &&
            (props.renderError?.(error) ?? <ErrorAlert error={error} />)}
        </Flex>
      </DialogBody>
      <DialogFooter>
        <Button variant="secondary" onPress={props.onClose}>
          Cancel
        </Button>
        <Button
          variant="primary"
          destructive={props.destructive}
          isPending={pending}
          isDisabled={props.canConfirm === false}
          onPress={confirm}
        >
          {props.confirmLabel}
        </Button>
      </DialogFooter>
    </Dialog>
  );
};
