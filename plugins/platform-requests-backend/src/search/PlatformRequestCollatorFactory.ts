/*
 * Feeds platform requests to the search index. The search plugin cannot
 * read this plugin's tables (each plugin has its own database), so it reads
 * them the way any client would: GET /requests, page by page, with a service
 * token. Service principals may read requests.
 */
import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  DocumentCollatorFactory,
  IndexableDocument,
} from '@backstage/plugin-search-common';
import {
  platformRequestReadPermission,
  RequestList,
} from '@internal/plugin-platform-requests-common';
import { Readable } from 'node:stream';

export type PlatformRequestDocument = IndexableDocument & {
  key: string;
  status: string;
  category: string;
  requestingTeam: string;
};

const PAGE_SIZE = 100;

export class PlatformRequestCollatorFactory implements DocumentCollatorFactory {
  readonly type = 'platform-request';
  readonly visibilityPermission = platformRequestReadPermission;

  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
    },
  ) {}

  async getCollator(): Promise<Readable> {
    return Readable.from(this.documents());
  }

  private async *documents(): AsyncGenerator<PlatformRequestDocument> {
    const { discovery, auth } = this.options;
    const baseUrl = await discovery.getBaseUrl('platform-requests');
    let cursor: string | null = null;
    do {
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: 'platform-requests',
      });
      const url = new URL(`${baseUrl}/requests`);
      url.searchParams.set('sort', 'created');
      url.searchParams.set('limit', String(PAGE_SIZE));
      if (cursor) url.searchParams.set('cursor', cursor);
      const response = await fetch(url, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (!response.ok) throw await ResponseError.fromResponse(response);
      const page = (await response.json()) as RequestList;
      for (const request of page.items) {
        yield {
          title: request.title,
          text: request.description,
          location: `/requests/${request.key}`,
          key: request.key,
          status: request.status,
          category: request.category,
          requestingTeam: request.requestingTeam,
        };
      }
      cursor = page.nextCursor;
    } while (cursor);
  }
}
