// The sealing of a backup: AES-256-GCM under a PBKDF2 key from the seller's passphrase, and the base64
// the sealed file and the model's weights are written in. Split from backup.ts, which decides what a
// backup holds; this file only turns text into a sealed envelope and back.

import { z } from 'zod';

/**
 * PBKDF2-HMAC-SHA-256 rounds for a new sealed backup: OWASP's figure since 2023 (under a second once per
 * export or import). The count is written into each file, so files sealed with fewer (310,000 before)
 * still open.
 */
export const PBKDF2_ITERATIONS = 600_000;
/** The most rounds a file may ask for: the count comes from the file, and ten million already take seconds. */
export const MAX_PBKDF2_ITERATIONS = 10_000_000;
/**
 * The shortest passphrase a new sealed backup takes, in characters (code points, so 8 汉字 count as 8).
 * Opening a file asks for no minimum: files sealed before the rule have shorter ones.
 */
export const MIN_PASSPHRASE_LENGTH = 8;

/** Characters of a passphrase as the seller sees them (NFC, code points). */
export function passphraseLength(passphrase: string): number {
  return [...passphrase.normalize('NFC')].length;
}

export class PassphraseTooShortError extends Error {
  constructor() {
    super(`backup: a passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters`);
    this.name = 'PassphraseTooShortError';
  }
}

// ---------------------------------------------------------------------------------------------------
// Encryption: WebCrypto only (globalThis.crypto in browsers and Node 20), no library to trust.

export interface Sealed {
  cipher: 'AES-GCM';
  kdf: 'PBKDF2-SHA-256';
  iterations: number;
  salt: string;
  iv: string;
  data: string;
}

async function passphraseKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const subtle = globalThis.crypto.subtle;
  // NFC: the same passphrase typed through two input methods gives the same bytes.
  const raw = await subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, raw, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/**
 * Throws PassphraseTooShortError under MIN_PASSPHRASE_LENGTH. `iterations` is for tests (a sealed round
 * trip at 600,000 costs a second in Node); the product uses the default.
 */
export async function seal(plain: string, passphrase: string, iterations = PBKDF2_ITERATIONS): Promise<Sealed> {
  if (passphraseLength(passphrase) < MIN_PASSPHRASE_LENGTH) throw new PassphraseTooShortError();
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS) throw new RangeError(`backup: ${iterations} PBKDF2 rounds`);
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const key = await passphraseKey(passphrase, salt, iterations);
  const data = await globalThis.crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(plain));
  return {
    cipher: 'AES-GCM', kdf: 'PBKDF2-SHA-256', iterations,
    salt: bytesToBase64(salt), iv: bytesToBase64(iv), data: bytesToBase64(new Uint8Array(data)),
  };
}

/** The plain text; 'wrong' when authentication fails (GCM cannot tell a wrong key from changed data). */
export async function unseal(env: Sealed, passphrase: string): Promise<string | 'wrong' | 'damaged'> {
  const salt = base64ToBytes(env.salt);
  const iv = base64ToBytes(env.iv);
  const data = base64ToBytes(env.data);
  if (!salt || !iv || !data || salt.length < 8 || iv.length !== 12 || data.length < 16) return 'damaged';
  let plain: ArrayBuffer;
  try {
    plain = await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv }, await passphraseKey(passphrase, salt, env.iterations), data);
  } catch {
    return 'wrong';
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    return 'damaged';
  }
}

// ---------------------------------------------------------------------------------------------------
// Base64 without Node's Buffer (the dashboard runs it), in chunks: String.fromCharCode(...bytes) over a
// megabyte would pass a million arguments and overflow the stack.

const CHUNK = 0x2000;

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) parts.push(String.fromCharCode(...bytes.subarray(i, i + CHUNK)));
  return btoa(parts.join(''));
}

/** Null when the text is not base64. */
export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> | null {
  let binary: string;
  try {
    binary = atob(b64);
  } catch {
    return null;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Little-endian whatever the machine, so a backup reads the same everywhere. */
export function float32ToBase64(a: Float32Array): string {
  const bytes = new Uint8Array(a.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < a.length; i++) view.setFloat32(i * 4, a[i]!, true);
  return bytesToBase64(bytes);
}

export function base64ToFloat32(b64: string): Float32Array | null {
  const bytes = base64ToBytes(b64);
  if (!bytes || bytes.length % 4 !== 0) return null;
  const view = new DataView(bytes.buffer);
  const out = new Float32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

export const envelopeSchema = z.object({
  cipher: z.literal('AES-GCM'),
  kdf: z.literal('PBKDF2-SHA-256'),
  // The count the file was sealed with (older files: fewer), bounded.
  iterations: z.int().min(1).max(MAX_PBKDF2_ITERATIONS),
  salt: z.string(), iv: z.string(), data: z.string(),
});
