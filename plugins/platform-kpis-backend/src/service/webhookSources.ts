/*
 * The webhook sources the routes serve, by id. Each lives in
 * sources/<id>/; a source id with no implementation here answers 404.
 */
import { KpiSettings } from '../config';
import { WebhookSource, WebhookSourceId } from '../sources/types';

export function createWebhookSources(
  _settings: KpiSettings,
): Partial<Record<WebhookSourceId, WebhookSource>> {
  return {};
}
