/*
 * A catalog file with an error is reported on the Catalog errors endpoint
 * (and page) and in the logs, while every other file still loads.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  eventually,
  guestToken,
  PortalProcess,
  repoRoot,
  startPortal,
} from '@internal/testing';

jest.setTimeout(180_000);

describe('a catalog file with an error', () => {
  let portal: PortalProcess;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-catalog-'));
    fs.writeFileSync(
      path.join(dir, 'good.yaml'),
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata: { name: well-formed-service }',
        'spec: { type: service, lifecycle: production, owner: group:default/platform-team }',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(dir, 'broken.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: [oops\n',
    );
    portal = await startPortal({
      config: {
        catalog: {
          locations: [
            {
              type: 'file',
              target: path.join(repoRoot, 'catalog/components/storefront.yaml'),
            },
            { type: 'file', target: path.join(dir, 'good.yaml') },
            { type: 'file', target: path.join(dir, 'broken.yaml') },
          ],
        },
      },
    });
  });

  afterAll(async () => {
    await portal?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads the rest, and shows the error on the errors endpoint and in the logs', async () => {
    const token = await guestToken(portal.baseUrl);
    const query = async (filter: string) => {
      const res = await fetch(
        `${
          portal.baseUrl
        }/api/catalog/entities/by-query?filter=${encodeURIComponent(
          filter,
        )}&limit=200`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      return (await res.json()).items as any[];
    };

    await eventually(async () => {
      const names = (await query('kind=component')).map(e => e.metadata.name);
      return (
        names.includes('well-formed-service') && names.includes('checkout-api')
      );
    });

    // The portal's Catalog errors page reads this endpoint.
    const failing = await eventually(async () => {
      const res = await fetch(`${portal.baseUrl}/api/catalog-errors/errors`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      const { items } = await res.json();
      return items.find((i: any) => /broken\.yaml/.test(i.location ?? ''));
    });
    expect(failing.message).toMatch(/YAML error/);
    const anonymous = await fetch(
      `${portal.baseUrl}/api/catalog-errors/errors`,
    );
    expect(anonymous.status).toBe(401);

    await eventually(async () => /broken\.yaml/.test(portal.output()));
  });
});
