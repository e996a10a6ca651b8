// Evaluated by the benchmark inside one of the extension's own pages open in a tab: hands the service
// worker order pages exactly as the content script does (entrypoints/console.content/capture.ts): the
// console's response text read by the site's adapter, then `ingestOrders` messages of at most
// MAX_ORDERS_PER_MESSAGE orders through the protocol's one sender (utils/messaging.ts). Nothing here
// reaches into the worker: it answers these as it answers a console tab (validation, the flood guard,
// the ingest, the health record, the forecast's schedule, the badge facts).
import { sendToBackground } from '@/utils/messaging';
import { MAX_ORDERS_PER_MESSAGE } from '@/utils/crm/observed';
import { taobaoSold } from '@/utils/sites/taobao-sold';

async function send(bodies: string[]): Promise<{ pages: number; orders: number; answered: number; parseMs: number; messagesMs: number }> {
  let orders = 0;
  let answered = 0;
  let parseMs = 0;
  let messagesMs = 0;
  for (const body of bodies) {
    const t0 = performance.now();
    const result = taobaoSold.parseJson(JSON.parse(body));
    if (!result.ok) throw new Error(result.reason);
    const t1 = performance.now();
    parseMs += t1 - t0;
    for (let i = 0; i < result.orders.length; i += MAX_ORDERS_PER_MESSAGE) {
      const chunk = result.orders.slice(i, i + MAX_ORDERS_PER_MESSAGE);
      const unknown = result.unknown ?? [];
      const reply = await sendToBackground('ingestOrders', { pageKind: taobaoSold.pageKind, orders: chunk, ...(unknown.length ? { unknownValues: unknown.slice(0, 20) } : {}) });
      answered += reply.facts.length;
    }
    messagesMs += performance.now() - t1;
    orders += result.orders.length;
  }
  return { pages: bodies.length, orders, answered, parseMs, messagesMs };
}

(window as unknown as { laokeSendPages: typeof send }).laokeSendPages = send;
