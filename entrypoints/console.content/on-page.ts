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

/** Laoke's own elements on the page: mutations inside them call for no new pass of any observer. */
const OURS = '[data-laoke-badge], [data-laoke-card], [data-laoke-review-badge], [data-laoke-health], laoke-panel';

export function isOurs(record: MutationRecord): boolean {
  const target = record.target instanceof Element ? record.target : record.target.parentElement;
  if (target?.closest(OURS)) return true;
  const nodes = [...record.addedNodes, ...record.removedNodes];
  return nodes.length > 0 && nodes.every((n) => n instanceof Element && n.matches(OURS));
}
