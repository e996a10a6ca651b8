// Folds the digests' log into their base (utils/db/digest.ts) off the analytics worker's thread, once the
// page's first figures are out: the next open reads one base instead of the log, and the analytics
// worker answers range changes meanwhile.
import { readShopDigest } from '@/utils/db/digest';
import { db } from '@/utils/db/schema';

void readShopDigest(db())
  .then((d) => d.compact())
  .then(() => postMessage({ type: 'compacted' }), (err: unknown) => postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
