export { DoraSection, NO_DEPLOYMENTS } from './DoraSection';
