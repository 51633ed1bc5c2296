export { generalSettingsModule } from './module';
