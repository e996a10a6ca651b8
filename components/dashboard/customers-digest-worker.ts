// Folds the customers digest's log into its base (utils/db/digest.ts) off the audience worker's thread,
// once the builder's first count is out: the next open reads one base, and the audience worker answers
// the seller's keystrokes meanwhile. (The orders' log stays for the analytics' own compaction.)
import { readCustomerRows } from '@/utils/db/digest';
import { db } from '@/utils/db/schema';

void readCustomerRows(db())
  .then((d) => d.compact())
  .then(() => postMessage({ type: 'compacted' }), (err: unknown) => postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
