/*
 * `catalog-errors`: the catalog's processing errors (a YAML file that does not
 * parse, an entity that fails validation) where people can see them — on the
 * portal's Catalog errors page — not only in the logs.
 */
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { CATALOG_ERRORS_TOPIC } from '@backstage/plugin-catalog-backend';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import Router from 'express-promise-router';
import { CatalogErrorLog } from './CatalogErrorLog';

type CatalogErrorEvent = {
  entity: string;
  location?: string;
  errors: Array<{ name?: string; message: string }>;
};

export default createBackendPlugin({
  pluginId: 'catalog-errors',
  register(env) {
    env.registerInit({
      deps: { events: eventsServiceRef, httpRouter: coreServices.httpRouter },
      async init({ events, httpRouter }) {
        const log = new CatalogErrorLog({
          maxEntries: 500,
          staleAfterMs: 15 * 60_000,
        });
        await events.subscribe({
          id: 'catalog-errors',
          topics: [CATALOG_ERRORS_TOPIC],
          async onEvent(params) {
            const { entity, location, errors } =
              params.eventPayload as CatalogErrorEvent;
            log.record(
              entity,
              location,
              errors.map(e => e.message),
            );
          },
        });
        const router = Router();
        router.get('/errors', (_req, res) => {
          res.json({ items: log.list() });
        });
        httpRouter.use(router);
      },
    });
  },
});
