/** Any list site: it knows its page. */
type HasPage = { matchesPage(url: URL): boolean };

/** Whether the tab shows this site's list now; the answer is cached per URL (it is asked on every mutation). */
export function onPageOf(site: HasPage): () => boolean {
  let href = '';
  let yes = false;
  return () => {
    if (location.href !== href) {
      href = location.href;
      yes = site.matchesPage(new URL(href));
    }
    return yes;
  };
}
