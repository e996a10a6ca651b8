// The part of PouchDB team sync uses (utils/sync/engine.ts), typed here: a local PouchDB beside Dexie
// holding the sealed documents, and the shop's CouchDB over HTTP. The constructors are made by the
// caller (the background: IndexedDB + HTTP adapters; the tests: memory + HTTP), so this module imports
// no PouchDB code.
import type { SealedBody } from './crypto';

export interface PouchDoc {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  _conflicts?: string[];
  /** The sealed body (on a deleted document too: what was deleted, for the other machines). */
  s?: SealedBody;
  [field: string]: unknown;
}

export interface AllDocsRow {
  key: string;
  id?: string;
  value?: { rev: string; deleted?: boolean };
  doc?: PouchDoc | null;
  error?: string;
}

export interface ChangesResult {
  results: { id: string; seq: number | string; doc?: PouchDoc; deleted?: boolean }[];
  last_seq: number | string;
}

export interface BulkResult {
  ok?: boolean;
  id?: string;
  rev?: string;
  error?: string | boolean;
  status?: number;
}

export interface ReplicationResult {
  ok: boolean;
  docs_written: number;
  docs_read: number;
  errors: unknown[];
}

/** A replication under way: a promise of its result, and cancel (it then ends where it is). */
export type Replication = PromiseLike<ReplicationResult> & { cancel?(): void };

export interface Pouch {
  get(id: string, opts?: { rev?: string; conflicts?: boolean }): Promise<PouchDoc>;
  put(doc: PouchDoc): Promise<BulkResult>;
  allDocs(opts: { keys?: string[]; include_docs?: boolean; conflicts?: boolean; limit?: number }): Promise<{ rows: AllDocsRow[]; total_rows?: number }>;
  bulkDocs(docs: PouchDoc[]): Promise<BulkResult[]>;
  changes(opts: { since: number | string; include_docs?: boolean; conflicts?: boolean; limit?: number; return_docs?: boolean }): Promise<ChangesResult>;
  replicate: {
    to(target: Pouch, opts?: { batch_size?: number; batches_limit?: number; retry?: boolean }): Replication;
    from(source: Pouch, opts?: { batch_size?: number; batches_limit?: number; retry?: boolean }): Replication;
  };
  compact(): Promise<unknown>;
  destroy(): Promise<unknown>;
  close(): Promise<unknown>;
  info(): Promise<{ doc_count: number; update_seq: number | string }>;
}
