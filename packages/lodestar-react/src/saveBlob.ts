/*
 * Hands a file built or fetched in the browser (the CSV and JSON exports) to
 * the browser as a download. The object URL is revoked after the click has
 * started the download.
 */
export function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
