// Base64 without Node's Buffer (the dashboard runs it), for the sealed backup (salt, iv, data) and the
// learned model's weights in a backup. In chunks: String.fromCharCode(...bytes) over a megabyte would
// pass a million arguments and overflow the stack.

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
