import { AuditorService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { Request, Response } from 'express';
import { mockCredentials } from '@backstage/backend-test-utils';
import { createPermission } from '@backstage/plugin-permission-common';
import { permissionRefused } from '../permissions/refusal';
import { auditRefusals } from './auditRefusals';

function fakeAuditor() {
  const events: Array<{ options: unknown; failedWith: Error }> = [];
  const auditor = {
    createEvent: async (options: unknown) => ({
      success: async () => {},
      fail: async ({ error }: { error: Error }) => {
        events.push({ options, failedWith: error });
      },
    }),
  } as unknown as AuditorService;
  return { auditor, events };
}

const req = { method: 'POST', path: '/things/42' } as Request;

describe('auditRefusals', () => {
  it('leaves a permission-denied event for a 403, named by the plugin, and passes the error on', async () => {
    const { auditor, events } = fakeAuditor();
    const middleware = auditRefusals(auditor, r => ({
      action: `${r.method} /things/:id`,
      target: r.path.slice('/things/'.length),
    }));
    const error = new NotAllowedError('only the platform team may do that');
    const next = jest.fn();
    await middleware(error, req, {} as Response, next);
    expect(events).toEqual([
      {
        options: {
          eventId: 'permission-denied',
          severityLevel: 'medium',
          request: req,
          meta: { action: 'POST /things/:id', target: '42' },
        },
        failedWith: error,
      },
    ]);
    expect(next).toHaveBeenCalledWith(error);
  });

  it('names the refused permission when the refusal carries one', async () => {
    const { auditor, events } = fakeAuditor();
    const middleware = auditRefusals(auditor, () => ({
      action: 'POST /things/:id',
      target: '42',
    }));
    const error = permissionRefused(
      mockCredentials.user('user:default/sam.rivera'),
      createPermission({ name: 'things.write', attributes: {} }),
      'change things',
    );
    await middleware(error, req, {} as Response, jest.fn());
    expect(events.map(e => e.options)).toEqual([
      expect.objectContaining({
        eventId: 'permission-denied',
        meta: {
          action: 'POST /things/:id',
          target: '42',
          permission: 'things.write',
        },
      }),
    ]);
  });

  it('leaves other errors to the error handler without an event', async () => {
    const { auditor, events } = fakeAuditor();
    const middleware = auditRefusals(auditor, () => ({
      action: 'x',
      target: 'y',
    }));
    const error = new InputError('title: required');
    const next = jest.fn();
    await middleware(error, req, {} as Response, next);
    expect(events).toEqual([]);
    expect(next).toHaveBeenCalledWith(error);
  });
});
