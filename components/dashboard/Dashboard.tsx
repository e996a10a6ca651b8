// The dashboard (dashboard.html): a full page in the extension's origin that reads the database
// directly. Pages are hash routes so a link can open one: #/pulse, #/care, #/audiences, #/members, #/campaigns, #/privacy, #/sync.
import { useEffect, useState } from 'react';
import { askPersistentStorage } from '@/utils/db/quota';
import { t } from '@/utils/i18n';
import { AudienceBuilder } from './AudienceBuilder';
import { Campaigns } from './Campaigns';
import { Privacy } from './Privacy';
import { Sync } from './Sync';
import { Analytics } from './Analytics';
import { OrderCare } from '../care/OrderCare';
import { Members } from './Members';

type Route = 'pulse' | 'care' | 'audiences' | 'members' | 'campaigns' | 'privacy' | 'sync';
const ROUTES: Route[] = ['pulse', 'care', 'audiences', 'members', 'campaigns', 'privacy', 'sync'];
const NAV: Record<Route, 'navPulse' | 'navCare' | 'navAudiences' | 'navMembers' | 'navCampaigns' | 'navPrivacy' | 'navSync'> = {
  pulse: 'navPulse', care: 'navCare', audiences: 'navAudiences', members: 'navMembers', campaigns: 'navCampaigns', privacy: 'navPrivacy', sync: 'navSync',
};

function routeOf(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split('/')[0] as Route;
  return ROUTES.includes(name) ? name : 'audiences';
}

export function Dashboard() {
  const [route, setRoute] = useState<Route>(() => routeOf(location.hash));
  useEffect(() => {
    const onHash = () => setRoute(routeOf(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  // Ask the browser to keep Laoke's data under storage pressure (a page may ask; the worker may not).
  useEffect(() => void askPersistentStorage(), []);
  useEffect(() => {
    document.title = `${t(NAV[route])} · ${t('extName')}`;
  }, [route]);
  return (
    <div className="min-h-screen text-sm text-gray-800">
      <header className="border-b border-gray-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center gap-6 px-6 py-3">
          <span className="text-lg font-bold text-orange-600">{t('extName')}</span>
          {ROUTES.map((r) => (
            <a key={r} href={`#/${r}`} data-testid={`nav-${r}`}
              className={route === r ? 'font-semibold text-orange-600' : 'text-gray-600 hover:text-gray-900'}>
              {t(NAV[r])}
            </a>
          ))}
          <span className="ml-auto text-xs text-gray-400">{t('popupPrivacy')}</span>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-6 py-5">
        {route === 'pulse' ? <Analytics /> : route === 'care' ? <OrderCare /> : route === 'audiences' ? <AudienceBuilder /> : route === 'privacy' ? <Privacy /> : route === 'sync' ? <Sync /> : route === 'members' ? <Members /> : <Campaigns />}
      </main>
    </div>
  );
}
