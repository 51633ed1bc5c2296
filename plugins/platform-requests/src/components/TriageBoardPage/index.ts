export { TriageBoardPage } from './TriageBoardPage';
