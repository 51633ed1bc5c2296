export { ANY, EntityRefSelect } from './EntityRefSelect';
export type { EntityRefSelectProps } from './EntityRefSelect';
export { RelatedEntitiesPicker } from './RelatedEntitiesPicker';
