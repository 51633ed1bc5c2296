import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { urlReaderFactoriesServiceRef } from '@backstage/backend-defaults/urlReader';
import {
  LocalGitStore,
  readLocalGitConfig,
} from '@internal/plugin-local-git-node';
import { LocalGitUrlReader } from './LocalGitUrlReader';

/** Adds the local-git reader to every plugin's UrlReaderService. */
export const localGitUrlReaderFactory = createServiceFactory({
  service: urlReaderFactoriesServiceRef,
  deps: { config: coreServices.rootConfig },
  async factory({ config }) {
    const local = readLocalGitConfig(config);
    return ({ treeResponseFactory }) => {
      if (!local) return [];
      const prefix = `${config.getString(
        'backend.baseUrl',
      )}/api/local-git/repos/`;
      const reader = new LocalGitUrlReader(
        new LocalGitStore(local.directory),
        prefix,
        treeResponseFactory,
      );
      return [{ reader, predicate: url => reader.handles(url) }];
    };
  },
});
