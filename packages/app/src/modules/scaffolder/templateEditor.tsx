/*
 * The scaffolder's Template Editor is the platform team's: the permission
 * policy gives `scaffolder.template.management` (and the editor's dry runs)
 * to the Group named in `lodestar.platformTeam` only. The app asks the same
 * permission once after sign-in (an extension `if`), so:
 * - with it, the Create page has its Template Editor tab at /create/edit;
 * - without it, there is no tab, and /create/edit (or a link into the
 *   editor) shows a page that says whose the editor is instead.
 */
import { PageBlueprint } from '@backstage/frontend-plugin-api';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import { templateManagementPermission } from '@backstage/plugin-scaffolder-common/alpha';

const mayManageTemplates = {
  permissions: { $contains: templateManagementPermission.name },
};

export const templateEditorForManagers = scaffolderPlugin
  .getExtension('sub-page:scaffolder/editor')
  .override({ if: mayManageTemplates });

export const templateEditorRefused = PageBlueprint.make({
  name: 'editor-refused',
  if: { $not: mayManageTemplates },
  params: {
    // More specific than the Create page's /create, so it wins there.
    path: '/create/edit',
    title: 'Template Editor',
    loader: () =>
      import('./TemplateEditorRefused').then(m => <m.TemplateEditorRefused />),
  },
});
