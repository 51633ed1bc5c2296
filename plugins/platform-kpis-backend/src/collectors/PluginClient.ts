/*
 * Calls another plugin's REST API as this plugin (a service token), for the
 * collectors: the scaffolder's task list and the platform-requests list.
 */
import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';

export class PluginClient {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  async get<T>(pluginId: string, path: string): Promise<T> {
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: pluginId,
    });
    const base = await this.discovery.getBaseUrl(pluginId);
    const response = await fetch(`${base}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}
