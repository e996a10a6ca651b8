// Team sync (团队同步, issue 21): what the shop's server holds is sealed here. Every shared document's body
// is AES-256-GCM under a key derived from the shop passphrase (PBKDF2-SHA-256, as the backup:
// utils/db/backup-crypto.ts), bound to its id (the id is the GCM additional data, so the server cannot
// move a body under another id); the ids are keyed hashes (HMAC-SHA-256 under a second derived key) of
// what the document is, so they reveal neither a nick nor an order number nor what kind of record it is.
// The salt and the iteration count are in a key-check document on the server, written by the first agent;
// its sealed check text tells a wrong passphrase apart before anything syncs.

import { base64ToBytes, bytesToBase64 } from '@/utils/base64';
import { MIN_PASSPHRASE_LENGTH, PBKDF2_ITERATIONS, passphraseLength, PassphraseTooShortError } from '@/utils/db/backup-crypto';

export interface SyncKeys {
  /** AES-256-GCM: the documents' bodies. */
  seal: CryptoKey;
  /** HMAC-SHA-256: the documents' ids. */
  ids: CryptoKey;
}

/** The key-check document (id KEY_CHECK_ID): public parameters and a sealed known text. */
export interface KeyCheck {
  laoke: 'sync-key-check';
  kdf: 'PBKDF2-SHA-256';
  iterations: number;
  salt: string;
  check: SealedBody;
}

export interface SealedBody {
  iv: string;
  data: string;
}

/** The one id that is not a hash: where the salt is found. Says only that this database is Laoke's. */
export const KEY_CHECK_ID = 'laoke-key-check';
const CHECK_TEXT = 'laoke sync key check v1';
/** Hex characters of a document id: 128 bits of the HMAC. */
const ID_HEX = 32;

const subtle = () => globalThis.crypto.subtle;

async function deriveKeys(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<SyncKeys> {
  const raw = await subtle().importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  const bits = new Uint8Array(await subtle().deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, raw, 512));
  const [seal, ids] = await Promise.all([
    subtle().importKey('raw', bits.slice(0, 32), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']),
    subtle().importKey('raw', bits.slice(32), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
  ]);
  return { seal, ids };
}

/** The key check for a new shared database, and its keys. `iterations` is for tests. */
export async function newKeyCheck(passphrase: string, iterations = PBKDF2_ITERATIONS): Promise<{ check: KeyCheck; keys: SyncKeys }> {
  if (passphraseLength(passphrase) < MIN_PASSPHRASE_LENGTH) throw new PassphraseTooShortError();
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const keys = await deriveKeys(passphrase, salt, iterations);
  return {
    keys,
    check: { laoke: 'sync-key-check', kdf: 'PBKDF2-SHA-256', iterations, salt: bytesToBase64(salt), check: await sealBody(keys, KEY_CHECK_ID, CHECK_TEXT) },
  };
}

/** The keys, when the passphrase is the shop's; 'wrong' when not; 'damaged' for a check that is not one. */
export async function openKeyCheck(passphrase: string, check: KeyCheck): Promise<SyncKeys | 'wrong' | 'damaged'> {
  const salt = base64ToBytes(check.salt);
  if (check.laoke !== 'sync-key-check' || check.kdf !== 'PBKDF2-SHA-256' || !salt || salt.length < 8
    || !Number.isInteger(check.iterations) || check.iterations < 1 || check.iterations > 10_000_000) return 'damaged';
  const keys = await deriveKeys(passphrase, salt, check.iterations);
  const opened = await openBody(keys, KEY_CHECK_ID, check.check);
  if (!opened.ok) return opened.why;
  return opened.body === CHECK_TEXT ? keys : 'wrong';
}

/** The server's id of a document: a keyed hash of its kind and natural key (e.g. 'seller', 'taobao:id:B1'). */
export async function docId(keys: SyncKeys, kind: string, key: string): Promise<string> {
  const mac = new Uint8Array(await subtle().sign('HMAC', keys.ids, new TextEncoder().encode(`${kind}\u0000${key}`)));
  return [...mac].map((b) => b.toString(16).padStart(2, '0')).join('').slice(0, ID_HEX);
}

/** A body sealed under its id (JSON of `body`; for the check, the text itself). */
export async function sealBody(keys: SyncKeys, id: string, body: unknown): Promise<SealedBody> {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(typeof body === 'string' && id === KEY_CHECK_ID ? body : JSON.stringify(body));
  const data = await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(id) }, keys.seal, plain);
  return { iv: bytesToBase64(iv), data: bytesToBase64(new Uint8Array(data)) };
}

export type Opened = { ok: true; body: unknown } | { ok: false; why: 'wrong' | 'damaged' };

/**
 * The body back; 'wrong' when it does not open under these keys and this id (another passphrase, or a
 * body moved under another id or changed), 'damaged' when it is not a sealed body at all.
 */
export async function openBody(keys: SyncKeys, id: string, sealed: SealedBody): Promise<Opened> {
  const iv = typeof sealed?.iv === 'string' ? base64ToBytes(sealed.iv) : null;
  const data = typeof sealed?.data === 'string' ? base64ToBytes(sealed.data) : null;
  if (!iv || !data || iv.length !== 12 || data.length < 16) return { ok: false, why: 'damaged' };
  let plain: ArrayBuffer;
  try {
    plain = await subtle().decrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(id) }, keys.seal, data);
  } catch {
    return { ok: false, why: 'wrong' };
  }
  const text = new TextDecoder().decode(plain);
  if (id === KEY_CHECK_ID) return { ok: true, body: text };
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, why: 'damaged' };
  }
}
