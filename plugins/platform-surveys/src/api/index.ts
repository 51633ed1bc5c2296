export * from './PlatformSurveysApi';
export * from './PlatformSurveysClient';
