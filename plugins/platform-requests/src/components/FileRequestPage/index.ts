export { FileRequestPage } from './FileRequestPage';
export { RequestFields } from './RequestFields';
export * from './requestForm';
