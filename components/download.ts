// Hand a text file to the browser's downloads, from the panel (on a console page) or the dashboard.
// The anchor is never put into the page's DOM and the blob URL is revoked soon after the click: on a
// console page, the console's own scripts never see either.
export function download(filename: string, mime: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  Object.assign(document.createElement('a'), { href: url, download: filename }).click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
