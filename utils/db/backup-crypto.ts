// The sealing of a backup: AES-256-GCM under a PBKDF2 key from the seller's passphrase. Split from
// backup.ts, which decides what a backup holds; this file only turns text into a sealed envelope and
// back (its bytes written in base64, utils/base64.ts).

import { z } from 'zod';
import { base64ToBytes, bytesToBase64 } from '@/utils/base64';

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

export const envelopeSchema = z.object({
  cipher: z.literal('AES-GCM'),
  kdf: z.literal('PBKDF2-SHA-256'),
  // The count the file was sealed with (older files: fewer), bounded.
  iterations: z.int().min(1).max(MAX_PBKDF2_ITERATIONS),
  salt: z.string(), iv: z.string(), data: z.string(),
});
