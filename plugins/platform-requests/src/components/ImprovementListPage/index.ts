export { ImprovementListPage } from './ImprovementListPage';
