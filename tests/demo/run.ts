// npm run demo: the built extension on a local replay of the 千牛 sold page, filled from the generated
// shop (2,000 customers, 6,000 orders over 18 months). No network: pages are served by request routing.
//   npm run demo                          a browser window (needs a display)
//   npm run demo -- --screenshot out.png  headless; browse a few pages like a seller, then save page 1

import { generateShop } from '../shop/generate';
import { installConsole, SOLD_URL } from '../console/routes';
import { launchWithExtension } from '../e2e/harness';

const args = process.argv.slice(2);
const shotAt = args.indexOf('--screenshot');
const screenshot = shotAt >= 0 ? (args[shotAt + 1] ?? 'laoke-demo.png') : undefined;
const headless = !!screenshot || !process.env.DISPLAY;

const shop = generateShop();
const launched = await launchWithExtension({ headless });
await installConsole(launched.context, { shop });
const page = launched.context.pages()[0] ?? (await launched.context.newPage());
await page.goto(`${SOLD_URL}?pageSize=20`);

if (screenshot || headless) {
  // A seller's morning: page through the recent orders, then come back to page 1.
  await page.waitForSelector('[data-laoke-badge]');
  for (let p = 2; p <= 25; p++) {
    await page.evaluate((n) => (window as unknown as { __demoGoToPage(n: number): void }).__demoGoToPage(n), p);
    await page.waitForFunction((n) => document.documentElement.getAttribute('data-demo-page') === String(n), p);
  }
  await page.evaluate(() => (window as unknown as { __demoGoToPage(n: number): void }).__demoGoToPage(1));
  await page.waitForFunction(() => document.documentElement.getAttribute('data-demo-page') === '1');
  await page.waitForFunction(() => document.querySelectorAll('[data-laoke-badge]').length === 20);
  await page.waitForTimeout(300);
  const firstRepeat = page.locator('[data-laoke-badge][data-laoke-orders="3"], [data-laoke-badge][data-laoke-orders="4"]').first();
  if (await firstRepeat.count()) await firstRepeat.hover();
  await page.screenshot({ path: screenshot ?? 'laoke-demo.png', fullPage: false });
  console.log(`saved ${screenshot ?? 'laoke-demo.png'}`);
  await launched.close();
} else {
  console.log('Demo console open. Close the browser window to end.');
  await new Promise<void>((done) => launched.context.on('close', () => done()));
}
