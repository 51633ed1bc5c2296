export { HeadlineKpis } from './HeadlineKpis';
