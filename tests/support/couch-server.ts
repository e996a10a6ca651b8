// A CouchDB-protocol server on 127.0.0.1 for the team-sync tests (issue 21): express-pouchdb over
// PouchDB's in-memory adapter (pure JavaScript, nothing to build), started and stopped by the tests. It
// speaks the replication protocol PouchDB and CouchDB use (_bulk_docs, _revs_diff, _changes, _local);
// production shops run CouchDB itself (README, 团队同步).
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

const require = createRequire(import.meta.url);

export interface CouchServer {
  /** http://127.0.0.1:PORT */
  url: string;
  stop(): Promise<void>;
  /** The server down (connections refused), its databases kept: an outage. */
  pause(): Promise<void>;
  /** Up again on the same port with the same databases. */
  resume(): Promise<void>;
}

/** The PouchDB constructor the server stores its databases with (memory adapter, HTTP client, replication). */
let base: { defaults(o: object): unknown } | undefined;
function pouchdb(): { defaults(o: object): unknown } {
  // Plugins extend pouchdb-core's one prototype: added once per process.
  base ??= require('pouchdb-core')
    .plugin(require('pouchdb-adapter-memory'))
    .plugin(require('pouchdb-adapter-http'))
    .plugin(require('pouchdb-replication'))
    .plugin(require('pouchdb-mapreduce'));
  return base!;
}

/** PouchDB storing in memory (a name is a local database, even one that looks like a URL). */
export function memoryPouch(): unknown {
  return pouchdb().defaults({ adapter: 'memory' });
}

/** PouchDB over HTTP: `new (httpPouch())(url)` is a server's database, as a replication target or source. */
export function httpPouch(): unknown {
  return pouchdb().defaults({ adapter: 'http' });
}

export async function startCouchServer(): Promise<CouchServer> {
  const express = require('express');
  const expressPouchdb = require('express-pouchdb');
  const app = express();
  // Each server its own databases: the memory adapter shares names within a process.
  const prefix = `couch${Date.now()}${Math.random().toString(36).slice(2)}_`;
  const Pouch = (memoryPouch() as { defaults(o: object): unknown }).defaults({ prefix });
  app.use('/', expressPouchdb(Pouch, { mode: 'minimumForPouchDB', inMemoryConfig: true, logPath: '/dev/null' }));
  const listen = (port: number): Promise<Server> => new Promise((resolve) => {
    const s = app.listen(port, '127.0.0.1', () => resolve(s));
  });
  let server: Server | null = await listen(0);
  const { port } = server.address() as AddressInfo;
  const close = () => new Promise<void>((resolve) => {
    if (!server) return resolve();
    const s = server;
    server = null;
    s.close(() => resolve());
    s.closeAllConnections();
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: close,
    pause: close,
    async resume() {
      server ??= await listen(port);
    },
  };
}
