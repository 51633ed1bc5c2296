export { EffortPage } from './EffortPage';
