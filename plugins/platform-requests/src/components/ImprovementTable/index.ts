export { ImprovementTable } from './ImprovementTable';
