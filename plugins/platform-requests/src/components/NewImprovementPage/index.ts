export { NewImprovementPage } from './NewImprovementPage';
