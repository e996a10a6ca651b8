// Issue 8, least privilege and Firefox: what the built manifests ask for, for Chrome (MV3) and Firefox
// (MV3, `npm run build:firefox`). Firefox itself cannot run here (Playwright drives only a patched
// Firefox, which Debian does not package); this checks the build it would load.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const CONSOLES = [
  'https://fxg.jinritemai.com/*', 'https://mms.pinduoduo.com/*', 'https://myseller.taobao.com/*', 'https://qn.taobao.com/*', 'https://shop.jd.com/*',
  'https://trade.taobao.com/*',
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? files(path.join(dir, f)) : [path.join(dir, f)]));
}

describe.each(['chrome-mv3', 'firefox-mv3'])('%s build', (target) => {
  const dir = path.join(root, '.output', target);
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown> & {
    content_scripts: { matches: string[]; js: string[]; world?: string }[];
  };

  it('asks for no permission and no host beyond the consoles Laoke reads; no remote code, no unsafe-eval', () => {
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.permissions).toEqual([]);
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.optional_permissions ?? []).toEqual([]);
    // 团队同步 only: the shop's server is asked for at run time, one origin, when the seller sets sync up.
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
    expect(manifest.externally_connectable).toBeUndefined();
    // The default MV3 policy (no 'unsafe-eval', no remote script) applies: none is declared.
    expect(manifest.content_security_policy).toBeUndefined();
    for (const cs of manifest.content_scripts) expect([...cs.matches].sort()).toEqual(CONSOLES);
    const code = files(dir).filter((f) => f.endsWith('.js')).map((f) => readFileSync(f, 'utf8'));
    for (const text of code) {
      expect(text).not.toMatch(/\bnew Function\(|[^.\w]eval\(/);
      expect(text).not.toMatch(/<script[^>]+src=["']https?:/);
    }
    const html = files(dir).filter((f) => f.endsWith('.html')).map((f) => readFileSync(f, 'utf8'));
    for (const text of html) expect(text).not.toMatch(/src=["']https?:\/\//);
  });

  it('the consoles may frame the side panel page and nothing else of the extension', () => {
    const war = manifest.web_accessible_resources as { resources: string[]; matches: string[]; use_dynamic_url?: boolean }[];
    expect(war).toHaveLength(1);
    expect(war[0]!.resources).toEqual(['panel.html']);
    expect([...war[0]!.matches].sort()).toEqual(CONSOLES);
    // Chrome: a per-session URL, so a page cannot probe a fixed one to learn Laoke is installed.
    if (target === 'chrome-mv3') expect(war[0]!.use_dynamic_url).toBe(true);
    expect(existsSync(path.join(dir, 'panel.html'))).toBe(true);
  });

  it('every file the manifest names is in the build', () => {
    const named = [
      ...manifest.content_scripts.flatMap((cs) => cs.js),
      ...((manifest.background as { service_worker?: string; scripts?: string[] }).scripts ?? []),
      (manifest.background as { service_worker?: string }).service_worker,
      (manifest.action as { default_popup: string }).default_popup,
    ].filter((f): f is string => !!f);
    for (const f of named) expect(existsSync(path.join(dir, f)), f).toBe(true);
    expect(existsSync(path.join(dir, '_locales/zh_CN/messages.json'))).toBe(true);
  });
});

describe('firefox-mv3 specifics', () => {
  const manifest = JSON.parse(readFileSync(path.join(root, '.output/firefox-mv3/manifest.json'), 'utf8')) as Record<string, unknown> & {
    content_scripts: { world?: string }[];
  };
  it('an add-on id of its own (needed to sign it), Firefox 128+ for the MAIN-world tap, an event-page background', () => {
    expect(manifest.browser_specific_settings).toEqual({ gecko: { id: 'laoke@laoke.app', strict_min_version: '128.0' } });
    expect(manifest.content_scripts.some((cs) => cs.world === 'MAIN')).toBe(true);
    expect(manifest.background).toEqual({ scripts: ['background.js'] });
  });
});
