export * from './model';
export * from './schemas';
export * from './workflow';
export * from './permissions';
export * from './effort';
