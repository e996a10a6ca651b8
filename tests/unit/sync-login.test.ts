// 团队同步 with a CouchDB that needs a login: the address the seller types (https://user:password@server)
// reaches the server as basic auth, and the database URL itself carries no credentials.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { databaseUrl, remoteAddress } from '@/utils/sync/connect';
import { httpPouch } from '../support/couch-server';

describe('the shop server address', () => {
  it('keeps the login out of the URL and hands it to PouchDB as basic auth', async () => {
    expect(databaseUrl('https://agent:s3cret@couch.example.com/', 'laoke-shop')).toBe('https://couch.example.com/laoke-shop');
    expect(remoteAddress('https://agent:s%40cret@couch.example.com', 'laoke-shop')).toEqual({
      name: 'https://couch.example.com/laoke-shop', options: { skip_setup: true, auth: { username: 'agent', password: 's@cret' } },
    });
    expect(remoteAddress('http://127.0.0.1:5984', 'shop')!.options).toEqual({ skip_setup: true });
    expect(databaseUrl('ftp://x', 'shop')).toBeNull();
    expect(databaseUrl('http://x', 'Shop')).toBeNull();

    // What a server sees: the Authorization header of the login typed.
    const seen: (string | undefined)[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const { port } = server.address() as AddressInfo;
    try {
      const addr = remoteAddress(`http://agent:s%40cret@127.0.0.1:${port}`, 'laoke-shop')!;
      const Remote = httpPouch() as new (name: string, o: object) => { get(id: string): Promise<unknown> };
      await expect(new Remote(addr.name, addr.options).get('laoke-key-check')).rejects.toMatchObject({ status: 401 });
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((h) => h === `Basic ${Buffer.from('agent:s@cret').toString('base64')}`)).toBe(true);
    } finally {
      server.close();
    }
  });
});
