// The side panel on console pages (DESIGN.md contract: a shadow root on <laoke-panel>). The top frame
// shows a small launcher; a badge click anywhere opens the panel on that buyer's card. A frame inside the
// console (the legacy sold list runs in one) mounts its own panel on the first click.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { Panel, type PanelTarget } from '@/components/panel/Panel';
import { reviewListSites } from '@/utils/sites';
import './side-panel.css';

type Listener = (target: PanelTarget | null) => void;
let listener: Listener | undefined;
let pending: PanelTarget | null | undefined;
let mounting: Promise<void> | undefined;
let context: ContentScriptContext | undefined;

function PanelRoot() {
  const [open, setOpen] = useState(pending !== undefined);
  const [target, setTarget] = useState<PanelTarget | null>(pending ?? null);
  useEffect(() => {
    listener = (next) => {
      setOpen(true);
      if (next) setTarget({ ...next });
    };
    pending = undefined;
    return () => {
      listener = undefined;
    };
  }, []);
  // On a review list the reviews come first.
  const startTab = reviewListSites.some((site) => site.matchesPage(new URL(location.href))) ? 'reviews' : 'today';
  return <Panel open={open} setOpen={setOpen} target={target} startTab={startTab} />;
}

async function mount(ctx: ContentScriptContext): Promise<void> {
  if (!document.body) await new Promise<void>((resolve) => ctx.addEventListener(document, 'DOMContentLoaded', () => resolve()));
  const ui = await createShadowRootUi<Root>(ctx, {
    name: 'laoke-panel',
    position: 'inline',
    anchor: 'body',
    append: 'last',
    // Typing in the panel must not reach the console's own keyboard shortcuts.
    isolateEvents: true,
    onMount(container) {
      const root = createRoot(container);
      root.render(<StrictMode><PanelRoot /></StrictMode>);
      return root;
    },
    onRemove(root) {
      root?.unmount();
    },
  });
  if (ctx.isValid) ui.mount();
}

/** Show the launcher (top frame of a console tab). */
export function startSidePanel(ctx: ContentScriptContext): void {
  context = ctx;
  if (window.top === window) mounting ??= mount(ctx);
}

/** Open the panel, on a buyer's card or a review when given one. */
export function openPanel(target: PanelTarget | null): void {
  if (listener) return listener(target);
  pending = target;
  if (context) mounting ??= mount(context);
}
