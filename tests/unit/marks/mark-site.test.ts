import { describe, expect, it } from 'vitest';
import { isOnMarkSite, markSiteOf, markSiteOfPattern, normalizeMarkSite, originPatternsOf } from '../../../src/marks/mark-site';
import { parseMarkedSites } from '../../../src/options/marked-sites';

describe('the site marks are turned on for', () => {
  it.each([
    ['https://www.example.com/news/today', 'www.example.com'],
    ['http://News.YCombinator.com/item?id=1', 'news.ycombinator.com'],
    ['https://www.gov.uk/', 'www.gov.uk'],
    ['https://bbc.co.uk./news', 'bbc.co.uk'],
    ['https://127.0.0.1:8080/x', '127.0.0.1'],
    ['http://localhost:3000/', 'localhost'],
    ['https://bücher.example/', 'xn--bcher-kva.example'],
    ['chrome://extensions', null],
    ['javascript:alert(1)', null],
    ['file:///etc/passwd', null],
    ['not a url', null],
    [undefined, null],
  ])('%s → %s', (url, site) => {
    expect(markSiteOf(url)).toBe(site);
  });

  it.each([
    ['Example.COM', 'example.com'],
    ['  www.example.com  ', 'www.example.com'],
    ['https://www.example.com/path?q#x', 'www.example.com'],
    ['example.com/path', 'example.com'],
    ['example.com:8080', 'example.com'],
    ['*.example.com', null],
    ['exa mple.com', null],
    ['', null],
    ['javascript:alert(1)', null],
    ['a'.repeat(300) + '.com', null],
    [42, null],
  ])('typed %j reads as %j', (typed, site) => {
    expect(normalizeMarkSite(typed)).toBe(site);
  });

  it('asks for exactly the site and its subdomains, http and https; IP addresses and one-label hosts as they are', () => {
    expect(originPatternsOf('example.com')).toEqual(['*://*.example.com/*']);
    expect(originPatternsOf('127.0.0.1')).toEqual(['*://127.0.0.1/*']);
    expect(originPatternsOf('localhost')).toEqual(['*://localhost/*']);
    expect(markSiteOfPattern('*://*.example.com/*')).toBe('example.com');
    expect(markSiteOfPattern('*://*/*')).toBeNull();
    expect(markSiteOfPattern('<all_urls>')).toBeNull();
  });

  it.each([
    ['example.com', 'https://example.com/a', true],
    ['example.com', 'http://news.example.com/a', true],
    ['example.com', 'https://www.example.com:8443/', true],
    ['example.com', 'https://notexample.com/', false],
    ['example.com', 'https://example.com.evil.net/', false],
    ['example.com', 'javascript:alert(1)', false],
    ['127.0.0.1', 'http://127.0.0.1:3000/', true],
    ['127.0.0.1', 'http://1127.0.0.1/', false],
    ['example.com', undefined, false],
  ])('%s covers %s: %s', (site, url, covered) => {
    expect(isOnMarkSite(site, url)).toBe(covered);
  });

  it('repairs the stored list: not a list is empty; junk is dropped; the rest tidied, once each, sorted', () => {
    expect(parseMarkedSites(undefined)).toEqual([]);
    expect(parseMarkedSites('example.com')).toEqual([]);
    expect(parseMarkedSites(['b.example', 'A.example', 42, null, '*.x', 'b.example', { site: 'c' }])).toEqual(['a.example', 'b.example']);
  });
});

describe('the background’s copy of the list', () => {
  it('is read once, and again after every change', async () => {
    const { fakeBrowser } = await import('wxt/testing/fake-browser');
    const { createMarkedSitesCache, saveMarkedSites } = await import('../../../src/options/marked-sites-storage');
    fakeBrowser.reset();
    await saveMarkedSites(['a.example']);
    const sites = createMarkedSitesCache();
    expect(await sites()).toEqual(['a.example']);
    await saveMarkedSites(['b.example']);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await sites()).toEqual(['b.example']);
  });
});
