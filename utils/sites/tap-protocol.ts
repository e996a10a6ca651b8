// window.postMessage between the MAIN-world tap and the isolated content script. The page can post the
// same shape, so the receiver treats every message as untrusted input.
export const TAP_SOURCE = 'laoke-tap';

export type TapMessage =
  | { source: typeof TAP_SOURCE; kind: 'response'; url: string; text: string }
  | { source: typeof TAP_SOURCE; kind: 'ready' };
