/*
 * Says at start-up, once, when templates with fetch:cookiecutter cannot run.
 * The upstream action runs the `cookiecutter` it finds on the backend's PATH
 * and otherwise needs a Docker container runner, which Lodestar does not
 * configure: without this line a missing package is first noticed when a
 * developer's task fails with "Invalid state: containerRunner cannot be
 * undefined when cookiecutter is not installed".
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { findOnPath } from './findOnPath';

export const cookiecutterMissingMessage =
  'fetch:cookiecutter cannot run: there is no cookiecutter on the PATH of the backend, and Lodestar runs it without Docker. Install it (Debian: apt-get install cookiecutter); see Cookiecutter without Docker in templates/README.md';

export default createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'lodestar-cookiecutter-check',
  register(env) {
    env.registerInit({
      deps: { logger: coreServices.logger },
      async init({ logger }) {
        if (!findOnPath('cookiecutter'))
          logger.warn(cookiecutterMissingMessage);
      },
    });
  },
});
