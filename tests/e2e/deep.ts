// In-page queries that see into the page's open shadow roots, for the e2e suites (no vitest here).
// document.querySelectorAll stops at a shadow root: a badge a console page's web component holds is not
// found by it. Playwright's own CSS locators pierce open shadow roots, but a function run in the page
// (waitForFunction, evaluate) sees only what it queries itself.
import type { Frame, Page } from 'playwright-core';

/** Finds every element matching a selector in the document and in every open shadow root under it. */
export type DeepQueryAll = (selector: string) => Element[];

/**
 * In-page source of a DeepQueryAll: tree order, a shadow root's elements right after its host, nested
 * shadow roots too. Source text, not a function, so that what runs in the page is exactly this.
 */
const DEEP_QUERY_ALL = `((selector) => {
  const found = [];
  const visit = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.matches(selector)) found.push(el);
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(document);
  return found;
})`;

/**
 * The page's (or frame's) expression calling `fn(deepQueryAll, arg)`; `fn` self-contained, as for
 * page.evaluate. Exported for the Firefox suite, whose puppeteer pages take the same expression.
 */
export function call<A, R>(fn: (deepAll: DeepQueryAll, arg: A) => R, arg: A): string {
  return `(${fn.toString()})(${DEEP_QUERY_ALL}, ${JSON.stringify(arg) ?? 'undefined'})`;
}

/** Runs `fn(deepQueryAll, arg)` in the page or frame and returns its (serialisable) result. */
export async function evaluateDeep<A, R>(target: Page | Frame, fn: (deepAll: DeepQueryAll, arg: A) => R, arg: A): Promise<R> {
  return (await target.evaluate(call(fn, arg))) as R;
}

/** Waits until `fn(deepQueryAll, arg)` is true in the page or frame. */
export async function waitForDeep<A>(target: Page | Frame, fn: (deepAll: DeepQueryAll, arg: A) => boolean, arg: A, timeout = 15_000): Promise<void> {
  await target.waitForFunction(call(fn, arg), undefined, { timeout, polling: 100 });
}
