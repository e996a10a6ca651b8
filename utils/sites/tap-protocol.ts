// How the MAIN-world tap hands captured responses to the isolated content script.
//
// At document_start, before any page script, the tap creates a MessageChannel and hands one end of it to
// the isolated script on a DOM node that is out of the document (TAP_SPOT), never through the window:
// whichever of the two scripts runs first puts a TAP_SPOT element under <html>, and the second takes it
// out again and meets the first there, synchronously, all within document_start. The port goes over as a
// MessageEvent (TAP_PORT) dispatched on the detached node, which reaches no listener but the two scripts'.
// (It once went as a window message. A same-origin frame or window the page creates first loads over an
// initial about:blank whose Window object it inherits, listeners and all: the creator could listen there
// before the frame's scripts and take the tap's port, then post its own handover from inside the frame.
// tests/e2e/consoles-redteam.test.ts.) Still open there: the page's code can run between the two scripts
// (a MutationObserver it put on the frame's new document is a microtask, run after the first script), see
// the spot while it is in the document and meet the first script itself (an it.fails HOLE test). From then on the isolated side reads only what arrives on its port:
// window messages are never data, and the old window handover {source: TAP_SOURCE, kind: 'port'}, whoever
// posts it, is ignored.
export const TAP_SOURCE = 'laoke-tap';
/** The element, under <html> only for the moment between the two scripts, where they meet. */
export const TAP_SPOT = 'laoke-tap-spot';
/** The isolated script, second, tells the tap it listens on the spot. */
export const TAP_READY = 'laoke-tap-ready';
/** The tap's MessageEvent on the spot, carrying the port. */
export const TAP_PORT = 'laoke-tap-port';

export interface TapHandover {
  source: typeof TAP_SOURCE;
  kind: 'port';
}

/** One captured response, sent on the private port. */
export interface TapResponse {
  url: string;
  text: string;
}
