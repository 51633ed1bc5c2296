export { notificationSettingsModule } from './module';
