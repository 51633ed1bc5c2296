/*
 * Where the local repositories live. publish:lodestar decides where golden
 * paths publish (`lodestar.publish.target`, read in full by the scaffolder
 * module); when that is `local` (the default), this plugin owns the
 * directory, `lodestar.publish.local.directory`, and serves what is in it.
 */
import path from 'node:path';
import { Config } from '@backstage/config';

export type LocalGitConfig = {
  /** Absolute: resolved from the backend's working directory. */
  directory: string;
};

/**
 * The local repositories' directory, or undefined when publishing goes to a
 * code host instead. Throws when the target is local but no directory is set.
 */
export function readLocalGitConfig(config: Config): LocalGitConfig | undefined {
  const publish = config.getOptionalConfig('lodestar.publish');
  if ((publish?.getOptionalString('target') ?? 'local') !== 'local') {
    return undefined;
  }
  const directory = publish?.getOptionalString('local.directory');
  if (!directory) {
    throw new Error(
      'lodestar.publish.local.directory is missing: publish:lodestar needs a directory for the git repositories it creates',
    );
  }
  return { directory: path.resolve(directory) };
}
