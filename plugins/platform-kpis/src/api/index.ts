export * from './PlatformKpisApi';
export { browserTimeZone, PlatformKpisClient } from './PlatformKpisClient';
