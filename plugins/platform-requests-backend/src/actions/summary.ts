/*
 * What the actions answer about a request: the fields an assistant needs to
 * tell a person what it found (and a link to the request's page), not the
 * whole priority and SLA breakdown the UI draws.
 */
import { PlatformRequest } from '@internal/plugin-platform-requests-common';
import type { z as zod } from 'zod/v3';

export type RequestSummary = {
  key: string;
  title: string;
  status: string;
  category: string;
  urgency: string;
  requestingTeam: string;
  requester: string;
  votes: number;
  votedByMe: boolean;
  priority: number;
  createdAt: string;
  url: string;
};

export function requestSummarySchema(z: typeof zod) {
  return z.object({
    key: z.string().describe('The request key, e.g. REQ-42'),
    title: z.string(),
    status: z.string(),
    category: z.string(),
    urgency: z.string(),
    requestingTeam: z.string().describe('Entity ref of the requesting Group'),
    requester: z.string().describe('Entity ref of the User who filed it'),
    votes: z.number(),
    votedByMe: z.boolean().describe('Whether the calling person has voted'),
    priority: z.number().describe('Priority score; higher is more urgent'),
    createdAt: z.string(),
    url: z.string().describe('The request’s page in the portal'),
  });
}

export function summarise(
  request: PlatformRequest,
  appBaseUrl: string,
): RequestSummary {
  return {
    key: request.key,
    title: request.title,
    status: request.status,
    category: request.category,
    urgency: request.urgency,
    requestingTeam: request.requestingTeam,
    requester: request.requester,
    votes: request.votes.count,
    votedByMe: request.votes.mine,
    priority: request.priority.score,
    createdAt: request.createdAt,
    url: `${appBaseUrl}/requests/${request.key}`,
  };
}
