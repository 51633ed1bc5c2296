import { REQUEST_STATUSES } from './model';
import { STATUS_LABELS, statusInSentence } from './statusLabels';

describe('status labels', () => {
  it('names every status', () => {
    expect(Object.keys(STATUS_LABELS).sort()).toEqual(
      [...REQUEST_STATUSES].sort(),
    );
  });

  it('reads the status inside a sentence in lower case, a duplicate with its article', () => {
    expect(REQUEST_STATUSES.map(statusInSentence)).toEqual([
      'new',
      'triaged',
      'planned',
      'in progress',
      'done',
      'declined',
      'a duplicate',
    ]);
  });
});
