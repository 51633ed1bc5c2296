export { ActionDialog } from './ActionDialog';
export type { ActionDialogProps } from './ActionDialog';
export { AssignDialog } from './AssignDialog';
export { DeclineDialog } from './DeclineDialog';
export type { RequestDialogProps } from './DeclineDialog';
export { DuplicateDialog } from './DuplicateDialog';
export { StaleVersionAlert } from './StaleVersionAlert';
