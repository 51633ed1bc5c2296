import { shipMarkers } from './impact';

describe('shipMarkers', () => {
  const buckets = [
    '2026-03-02T00:00:00.000Z',
    '2026-03-09T00:00:00.000Z',
    '2026-03-16T00:00:00.000Z',
  ];
  const window = {
    from: '2026-03-03T00:00:00.000Z',
    to: '2026-03-20T00:00:00.000Z',
  };

  it('puts each ship date in the window on its bucket', () => {
    expect(
      shipMarkers(buckets, window, [
        { title: 'Faster CI', shippedAt: '2026-03-10T12:00:00.000Z' },
        { title: 'Runbooks', shippedAt: '2026-03-03T00:00:00.000Z' },
        { title: 'Too early', shippedAt: '2026-03-01T00:00:00.000Z' },
        { title: 'Too late', shippedAt: '2026-03-20T00:00:00.000Z' },
      ]),
    ).toEqual([
      {
        bucket: '2026-03-09T00:00:00.000Z',
        label: 'Faster CI',
        shippedAt: '2026-03-10T12:00:00.000Z',
      },
      {
        bucket: '2026-03-02T00:00:00.000Z',
        label: 'Runbooks',
        shippedAt: '2026-03-03T00:00:00.000Z',
      },
    ]);
  });
});
