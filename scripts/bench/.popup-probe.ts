import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { addBlankPage } from './measure-popup';
const ext = process.env.EXT!;
const articleUrl = process.argv[2];
addBlankPage(ext);
const ctx = await chromium.launchPersistentContext(mkdtempSync('/tmp/bb/prof-'), { executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--disable-extensions-except=${ext}`, `--load-extension=${ext}`] });
await ctx.route(/^https?:/, (r) => r.request().url() === articleUrl ? r.fulfill({ status: 200, contentType: 'text/html', body: '<h1>x</h1>' }) : r.abort());
await ctx.addInitScript({ content: `
  (() => {
  const log = (globalThis.__log = []);
  const c = globalThis.chrome;
  const wrap = (obj, name, label) => { if (!obj || !obj[name]) return; const g = obj[name].bind(obj); obj[name] = async (...a) => { const s = performance.now(); const r = await g(...a); log.push(label + '(' + JSON.stringify(a[0]).slice(0, 40) + ') ' + s.toFixed(1) + '-' + performance.now().toFixed(1)); return r; }; };
  wrap(c && c.tabs, 'get', 'tabs.get');
  for (const area of ['local', 'session']) wrap(c && c.storage && c.storage[area], 'get', 'storage.' + area + '.get');
  const f = globalThis.fetch; globalThis.fetch = async (...a) => { const s = performance.now(); const r = await f(...a); log.push('fetch ' + String(a[0]).replace(/^.*\\//, '') + ' ' + s.toFixed(1) + '-' + performance.now().toFixed(1)); return r; };
  document.addEventListener('DOMContentLoaded', () => log.push('DCL ' + performance.now().toFixed(1)));
  const tick = (t) => { if (t < 300) { log.push('frame ' + t.toFixed(1)); requestAnimationFrame(tick); } };
  requestAnimationFrame(tick);
  })();
` });
const sw = ctx.serviceWorkers()[0] ?? await ctx.waitForEvent('serviceworker');
const id = new URL(sw.url()).host;
const p = await ctx.newPage(); await p.goto(articleUrl);
const h = await ctx.newPage(); await h.goto(`chrome-extension://${id}/blank.html`);
const tabId = await h.evaluate(async (u) => (await (globalThis as any).chrome.tabs.query({})).find((t: any) => t.url === u)?.id, articleUrl);
await h.close();
for (let i = 0; i < 5; i++) for (const url of [`chrome-extension://${id}/popup.html?tabId=${tabId}`, `chrome-extension://${id}/blank.html`]) {
  const page = await ctx.newPage();
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('backstory:rendered').length > 0);
  await page.waitForTimeout(50);
  const e = await page.evaluate(() => ({ rendered: performance.getEntriesByName('backstory:rendered')[0].startTime.toFixed(1), log: (globalThis as any).__log }));
  if (i > 0) console.log(url.includes('popup') ? 'POPUP' : 'BLANK', e.rendered, e.log.filter((l: string) => !l.startsWith('frame') || parseFloat(l.split(' ')[1]) < Number(e.rendered) + 20).join(' | '));
  await page.close();
}
await ctx.close();
