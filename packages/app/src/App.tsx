import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';
import { homePlugin } from './modules/home';
import { catalogErrorsPlugin } from './modules/catalogErrors/plugin';
import {
  scaffolderFieldsModule,
  templateEditorModule,
} from './modules/scaffolder';
import { notificationSettingsModule } from './modules/notificationSettings';
import { generalSettingsModule } from './modules/generalSettings';

// Most features are discovered from package.json (`app.packages: all`); the
// ones below are Lodestar's own.
export default createApp({
  features: [
    catalogPlugin,
    navModule,
    homePlugin,
    catalogErrorsPlugin,
    scaffolderFieldsModule,
    templateEditorModule,
    notificationSettingsModule,
    generalSettingsModule,
  ],
});
