import { isPlatformKind } from './permissions';

describe('isPlatformKind', () => {
  it('is true of Users, Groups and Templates, however the kind is written', () => {
    for (const kind of ['User', 'group', 'TEMPLATE']) {
      expect(isPlatformKind(kind)).toBe(true);
    }
  });

  it('is false of the kinds anyone registers', () => {
    for (const kind of ['Component', 'API', 'System', 'Location', 'Resource']) {
      expect(isPlatformKind(kind)).toBe(false);
    }
  });
});
