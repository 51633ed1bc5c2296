import { saveBlob } from './saveBlob';

describe('saveBlob', () => {
  it('downloads the blob under the name given, then frees its URL', () => {
    jest.useFakeTimers();
    const createObjectURL = jest.fn(() => 'blob:export');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicked: Array<{ href: string; download: string }> = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        clicked.push({ href: this.href, download: this.download });
      });

    const blob = new Blob(['a,b\r\n'], { type: 'text/csv' });
    saveBlob(blob, 'export.csv');

    expect(createObjectURL).toHaveBeenCalledWith(blob);
    expect(clicked).toEqual([{ href: 'blob:export', download: 'export.csv' }]);
    expect(document.querySelector('a')).toBeNull();
    expect(revokeObjectURL).not.toHaveBeenCalled();
    jest.runAllTimers();
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:export');

    click.mockRestore();
    jest.useRealTimers();
  });
});
