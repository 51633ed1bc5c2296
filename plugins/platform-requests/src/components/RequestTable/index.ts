export { RequestTable } from './RequestTable';
export type { RequestTableProps } from './RequestTable';
export { PagedRequestTable } from './PagedRequestTable';
