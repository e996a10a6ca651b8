// How the MAIN-world tap hands captured responses to the isolated content script.
//
// At document_start, before any page script, the tap creates a MessageChannel and posts one window
// message {source: TAP_SOURCE, kind: 'port'} transferring one end of it. The isolated script takes that
// first handover only (and stops it there, so no page listener ever sees the port) and from then on
// reads only what arrives on its port: window messages are never data. Every later window message in
// this shape, whoever posts it, is ignored.
export const TAP_SOURCE = 'laoke-tap';

export interface TapHandover {
  source: typeof TAP_SOURCE;
  kind: 'port';
}

/** One captured response, sent on the private port. */
export interface TapResponse {
  url: string;
  text: string;
}
