export { RateRunsCard } from './RateRunsCard';
