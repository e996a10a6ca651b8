import { defineConfig } from 'wxt';
import tailwindcss from '@tailwindcss/vite';
// Relative, and free of browser imports: Node evaluates this file at build time.
import { CONSOLE_MATCHES } from './utils/sites/hosts';

// Host permissions name only the consoles Laoke reads; the extension itself never makes a request.
export default defineConfig({
  // Explicit imports only: auto-imports made every module's exports globals, so a pure crm module could
  // silently pull in UI code (and an import cycle) through a name it happened to share.
  imports: false,
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [tailwindcss()],
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    // No permissions: IndexedDB needs none, and Laoke reads pages only through its content scripts.
    permissions: [],
    // 团队同步 (issue 21, off by default): the shop's own CouchDB server, asked for at the moment the seller
    // sets sync up, for that one origin only (permissions.request); nothing is granted at install.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: '__MSG_extName__' },
    // The side panel is an extension page shown in an iframe on the consoles (out of the page scripts'
    // reach), so the consoles may frame it and nothing else. Chrome: under a per-session URL, so a page
    // cannot tell from a fixed URL that Laoke is installed.
    web_accessible_resources: [{
      resources: ['panel.html'],
      matches: CONSOLE_MATCHES,
      ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
    }],
    // Firefox: an add-on id of its own (Firefox needs one to sign and publish an MV3 add-on); 128 is the
    // first Firefox whose MV3 content scripts may run in the page's MAIN world (the network tap).
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: { id: 'laoke@laoke.app', strict_min_version: '128.0' } } } : {}),
  }),
});
