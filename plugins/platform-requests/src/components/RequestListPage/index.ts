export { RequestListPage } from './RequestListPage';
