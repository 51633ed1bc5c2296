export { ImprovementPage } from './ImprovementPage';
export { ImprovementRoute } from './ImprovementRoute';
