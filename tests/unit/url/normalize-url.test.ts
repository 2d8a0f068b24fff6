import { describe, expect, it } from 'vitest';
import { normalizeUrl, urlKeys } from '../../../src/url/normalize-url';
import { isHostIgnoredParam } from '../../../src/url/host-ignored-params';
import { isTrackingParam } from '../../../src/url/tracking-params';

describe('normalizeUrl', () => {
  it.each([
    ['scheme, host case, www, default port, trailing slash, fragment', 'HTTPS://WWW.Example.COM:443/a/b/#top', 'example.com/a/b'],
    ['http is https', 'http://example.com/a', 'example.com/a'],
    ['http default port', 'http://example.com:80/a', 'example.com/a'],
    ['other ports are kept', 'http://example.com:8080/a', 'example.com:8080/a'],
    ['m. prefix', 'https://m.example.com/a', 'example.com/a'],
    ['amp. prefix', 'https://amp.example.com/a', 'example.com/a'],
    ['www2 prefix', 'https://www2.example.co.uk/a', 'example.co.uk/a'],
    ['a two-label host keeps its first label', 'https://amp.dev/a', 'amp.dev/a'],
    ['trailing dot of the host', 'https://example.com./a', 'example.com/a'],
    ['tracking parameters removed, others sorted', 'https://example.com/a?utm_source=x&b=2&fbclid=1&a=1&gclid=z&mc_cid=c&mc_eid=e', 'example.com/a?a=1&b=2'],
    ['repeated parameters keep their order', 'https://example.com/a?tag=z&tag=a', 'example.com/a?tag=z&tag=a'],
    ['empty query', 'https://example.com/a?', 'example.com/a'],
    ['unicode host is punycode', 'https://bücher.example/a', 'xn--bcher-kva.example/a'],
    ['punycode host stays punycode', 'https://xn--bcher-kva.example/a', 'xn--bcher-kva.example/a'],
    ['percent-escapes of unreserved characters decoded, others upper-cased', 'https://example.com/%7euser/caf%c3%a9', 'example.com/~user/caf%C3%A9'],
    ['raw unicode path equals its escaped form', 'https://example.com/café', 'example.com/caf%C3%A9'],
    ['index.html', 'https://example.com/news/index.html', 'example.com/news'],
    ['hashbang routes name content', 'https://example.com/#!/story/1', 'example.com/#!/story/1'],
    ['surrounding whitespace', '  https://example.com/a \n', 'example.com/a'],
    ['path case is kept', 'https://example.com/How-To', 'example.com/How-To'],
    ['youtu.be is YouTube', 'https://youtu.be/abc123?t=5', 'youtube.com/watch?v=abc123'],
    ['youtu.be keeps its other parameters', 'https://youtu.be/abc123?list=PL1&t=5', 'youtube.com/watch?list=PL1&v=abc123'],
    ['AMP cache', 'https://www-cnbc-com.cdn.ampproject.org/c/s/www.cnbc.com/amp/x.html', 'cnbc.com/amp/x.html'],
  ])('%s', (_rule, input, expected) => {
    expect(normalizeUrl(input)).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    'data:text/html,<h1>x</h1>',
    'ftp://example.com/a',
    'chrome://newtab/',
    'about:blank',
    'file:///etc/passwd',
    'view-source:https://example.com/a',
    'moz-extension://abc/popup.html',
    '/relative/path',
    'example.com/no-scheme',
    'https://',
    '',
    '   ',
    'not a url',
  ])('%s is not an http(s) URL', (input) => {
    expect(normalizeUrl(input)).toBeNull();
  });

  it.each([undefined, null, 42, {}, ['https://example.com/a']])('non-string %j gives null', (input) => {
    expect(normalizeUrl(input)).toBeNull();
  });
});

describe('urlKeys: AMP forms', () => {
  it.each([
    ['/amp/ segment first', 'https://www.cnbc.com/amp/2021/06/10/chips.html', 'cnbc.com/2021/06/10/chips.html'],
    ['/amp/ segment last', 'https://venturebeat.com/2021/06/11/can-we-afford-ai/amp/', 'venturebeat.com/2021/06/11/can-we-afford-ai'],
    ['/AMP/ upper case', 'https://www.theregister.com/AMP/2022/02/25/intel_xeon/', 'theregister.com/2022/02/25/intel_xeon'],
    ['/google-amp/', 'https://www.zdnet.com/google-amp/article/x/', 'zdnet.com/article/x'],
    ['.amp suffix', 'https://medicalxpress.com/news/2019-12-leukemia.amp', 'medicalxpress.com/news/2019-12-leukemia'],
    ['.amp.html', 'https://example.com/news/story.amp.html', 'example.com/news/story.html'],
    ['?amp', 'https://www.dailydot.com/debug/face/?amp', 'dailydot.com/debug/face'],
    ['?amp=1 with a content parameter kept', 'https://example.com/a?amp=1&id=7', 'example.com/a?id=7'],
    ['?outputType=amp', 'https://www.washingtonpost.com/tech/x/?outputType=amp', 'washingtonpost.com/tech/x'],
    ['?view=AMP', 'https://www.pressdemocrat.com/business/x?view=AMP', 'pressdemocrat.com/business/x'],
    ['?_amp=true', 'https://www.wvik.org/x?_amp=true', 'wvik.org/x'],
    ['AMP cache over https', 'https://amp-scmp-com.cdn.ampproject.org/c/s/amp.scmp.com/tech/article/1/x', 'scmp.com/tech/article/1/x'],
    ['AMP cache over http', 'https://example-com.cdn.ampproject.org/c/example.com/amp/story', 'example.com/story'],
    ['AMP viewer of Google', 'https://www.google.com/amp/s/www.cnbc.com/amp/2021/x.html', 'cnbc.com/2021/x.html'],
    ['AMP viewer of Google UK', 'https://www.google.co.uk/amp/s/example.com/story/amp', 'example.com/story'],
  ])('%s', (_rule, input, withoutAmp) => {
    const keys = urlKeys(input)!;
    expect(keys.ampFreeKeys[0] ?? keys.key).toBe(withoutAmp);
    expect(keys.isAmp).toBe(true);
  });

  it('a .amp page may stand for the page with or without .html', () => {
    expect(urlKeys('https://www.foxnews.com/world/story.amp')!.ampFreeKeys).toEqual(['foxnews.com/world/story', 'foxnews.com/world/story.html']);
  });

  it('removing AMP markers never leaves a home page', () => {
    expect(urlKeys('https://www.example.com/amp/')!.ampFreeKeys).toEqual([]);
  });

  it('an ordinary URL is not AMP, and its keys are equal', () => {
    expect(urlKeys('https://www.example.com/2021/ampere-battery?id=3')).toEqual({
      key: 'example.com/2021/ampere-battery?id=3',
      ampFreeKeys: [],
      isAmp: false,
      isHomePage: false,
    });
  });

  it.each(['https://example.com', 'https://www.example.com/', 'https://example.com/?utm_source=x', 'https://example.com/index.html', 'https://example.com/#top'])(
    '%s is a home page',
    (input) => expect(urlKeys(input)!.isHomePage).toBe(true),
  );
});

describe('isTrackingParam', () => {
  it.each([
    'utm_source',
    'UTM_Campaign',
    'fbclid',
    'gclid',
    'mc_cid',
    'mc_eid',
    'igshid',
    'msclkid',
    // letter case never matters
    'GCLID',
    'FbClId',
    'Utm_Medium',
    'MC_EID',
    // Webtrends: the whole WT. family
    'WT.mc_id',
    'WT.z_src',
    'WT.tsrc',
    'wt.mc_ev',
    'Wt.Foo',
    // a pre-signed S3 URL's session token, in any case
    'x-amz-security-token',
    'X-Amz-Security-Token',
    'X-AMZ-SECURITY-TOKEN',
  ])('%s is tracking', (name) => {
    expect(isTrackingParam(name)).toBe(true);
  });
  it.each([
    'v',
    'id',
    'p',
    'page',
    'article',
    'story',
    'q',
    // look-alikes of tracking names
    'gclid_foo',
    'bar_gclid',
    'WT',
    'wt',
    'WTmc_id',
    'x-amz-security-token-foo',
    'x-amz-security',
    'x-amz-signature2',
  ])('%s names content', (name) => {
    expect(isTrackingParam(name)).toBe(false);
  });
});

describe('normalizeUrl: tracking parameters in any letter case, look-alikes kept', () => {
  it.each([
    ['Webtrends WT.mc_id', 'https://example.com/a?WT.mc_id=x&id=1', 'example.com/a?id=1'],
    ['any WT. parameter', 'https://example.com/a?WT.z_src=x&WT.tsrc=y&id=1', 'example.com/a?id=1'],
    ['WT. with an encoded dot', 'https://example.com/a?WT%2Emc_id=x&id=1', 'example.com/a?id=1'],
    ['x-amz-security-token', 'https://example.com/a?x-amz-security-token=abc', 'example.com/a'],
    ['X-Amz-Security-Token', 'https://example.com/a?X-Amz-Security-Token=abc&id=1', 'example.com/a?id=1'],
    ['upper-case tracking names', 'https://example.com/a?UTM_SOURCE=x&GCLID=y&FBCLID=z&id=1', 'example.com/a?id=1'],
    ['gclid_foo is not gclid', 'https://example.com/a?gclid_foo=1', 'example.com/a?gclid_foo=1'],
    ['bar_gclid is not gclid', 'https://example.com/a?bar_gclid=1', 'example.com/a?bar_gclid=1'],
    ['WT alone is not Webtrends', 'https://example.com/a?WT=1', 'example.com/a?WT=1'],
    ['x-amz-security-token-foo is not the token', 'https://example.com/a?x-amz-security-token-foo=1', 'example.com/a?x-amz-security-token-foo=1'],
  ])('%s', (_rule, input, expected) => {
    expect(normalizeUrl(input)).toBe(expected);
  });
});

/** Both spellings must give one key, whichever side (article or tab) has which. */
function expectOnePage(a: string, b: string) {
  expect(normalizeUrl(a)).not.toBeNull();
  expect(normalizeUrl(a)).toBe(normalizeUrl(b));
  expect(normalizeUrl(b)).toBe(normalizeUrl(a));
}

function expectTwoPages(a: string, b: string) {
  expect(normalizeUrl(a)).not.toBeNull();
  expect(normalizeUrl(b)).not.toBeNull();
  expect(normalizeUrl(a)).not.toBe(normalizeUrl(b));
}

describe('normalizeUrl: percent-encoding of sub-delimiters in paths', () => {
  it.each([
    ['+', '/hello%2Bworld', '/hello+world'],
    ['+, lower-case hex', '/hello%2bworld', '/hello+world'],
    ["'", '/it%27s', "/it's"],
    ['( )', '/Foo_%28bar%29', '/Foo_(bar)'],
    [',', '/a%2Cb', '/a,b'],
    [':', '/a%3Ab', '/a:b'],
    ['@', '/%40user', '/@user'],
    ['!', '/wow%21', '/wow!'],
    ['$', '/%24100', '/$100'],
    ['&', '/tom%26jerry', '/tom&jerry'],
    ['*', '/a%2Ab', '/a*b'],
    [';', '/a%3Bjsessionid', '/a;jsessionid'],
    ['=', '/key%3Dvalue', '/key=value'],
    ['all of them at once', '/%21%24%26%27%28%29%2A%2B%2C%3B%3D%3A%40', "/!$&'()*+,;=:@"],
  ])('%s', (_char, encoded, bare) => {
    expectOnePage(`https://example.com${encoded}`, `https://example.com${bare}`);
    expect(normalizeUrl(`https://example.com${encoded}`)).toBe(`example.com${bare}`);
  });

  it.each([
    ['%2F is not a path separator', '/a%2Fb', '/a/b'],
    ['%2F at the end is not a trailing slash', '/a%2F', '/a'],
    ['%2F before index.html', '/a%2Findex.html', '/a'],
    ['%3F does not start a query', '/a%3Fb=1', '/a?b=1'],
    ['%23 does not start a fragment', '/a%23b', '/a#b'],
    ['%25 is not a bare %', '/100%25', '/100%'],
    ['in a path + is a plus, not a space', '/a+b', '/a%20b'],
  ])('%s', (_rule, a, b) => {
    expectTwoPages(`https://example.com${a}`, `https://example.com${b}`);
  });

  it('keeps %2F, %3F and %23 escaped, with upper-case hex', () => {
    expect(normalizeUrl('https://example.com/a%2fb%3fc%23d')).toBe('example.com/a%2Fb%3Fc%23d');
  });
});

describe('normalizeUrl: brackets', () => {
  it.each([
    ['in a path', '/%5Bfoo%5D', '/[foo]'],
    ['in a path, lower-case hex', '/%5bfoo%5d', '/[foo]'],
    ['in a query name', '/a?list%5B%5D=1&list%5B%5D=2', '/a?list[]=1&list[]=2'],
    ['in a query value', '/a?q=%5Bx%5D', '/a?q=[x]'],
  ])('%s', (_where, encoded, bare) => {
    expectOnePage(`https://example.com${encoded}`, `https://example.com${bare}`);
    expect(normalizeUrl(`https://example.com${encoded}`)).toBe(`example.com${bare}`);
  });
});

describe('normalizeUrl: spaces in query strings', () => {
  it.each([
    ['in a name', ['?foo bar=baz', '?foo+bar=baz', '?foo%20bar=baz'], 'example.com/a?foo%20bar=baz'],
    ['in a value', ['?q=foo bar', '?q=foo+bar', '?q=foo%20bar'], 'example.com/a?q=foo%20bar'],
    ['several', ['?q=a b c', '?q=a+b%20c', '?q=a%20b+c'], 'example.com/a?q=a%20b%20c'],
  ])('%s', (_where, spellings, expected) => {
    for (const a of spellings) {
      for (const b of spellings) expectOnePage(`https://example.com/a${a}`, `https://example.com/a${b}`);
      expect(normalizeUrl(`https://example.com/a${a}`)).toBe(expected);
    }
  });

  it.each([
    ['%2B is a plus, + is a space', '?q=a%2Bb', '?q=a+b'],
    ['%2B is a plus, not %20', '?q=a%2Bb', '?q=a%20b'],
    ['%26 is data, & separates', '?q=a%26b=c', '?q=a&b=c'],
    ['%3D in a name is data, = separates', '?a%3Db=c', '?a=b=c'],
    ['%23 is data, # starts the fragment', '?q=a%23b', '?q=a#b'],
    ['%3B is data, ; may separate parameters', '?a=1%3Bb=2', '?a=1;b=2'],
  ])('%s', (_rule, a, b) => {
    expectTwoPages(`https://example.com/a${a}`, `https://example.com/a${b}`);
  });

  it('keeps %2B, %26, %3D, %23 and %3B escaped in a query', () => {
    expect(normalizeUrl('https://example.com/a?q=1%2b1%3d2%26x%23y%3bz')).toBe('example.com/a?q=1%2B1%3D2%26x%23y%3Bz');
  });
});

describe('normalizeUrl: other characters of a query', () => {
  it.each([
    ["'", "?q=it's", '?q=it%27s'],
    ['( ) , * ! $', '?q=(a,b*d!e$)', '?q=%28a%2Cb%2Ad%21e%24%29'],
    ['a URL as a value', '?url=https://example.org/x?y', '?url=https%3A%2F%2Fexample.org%2Fx%3Fy'],
    ['@', '?by=%40someone', '?by=@someone'],
    ['a bare = in a value is data', '?sig=abc==', '?sig=abc%3D%3D'],
  ])('%s', (_chars, a, b) => {
    expectOnePage(`https://example.com/a${a}`, `https://example.com/a${b}`);
  });
});

describe('normalizeUrl: a start time on a video host does not name another video (issue 8)', () => {
  it.each([
    ['watch?v=ID&t=42s', 'https://www.youtube.com/watch?v=abc123&t=42s'],
    ['t before v', 'https://www.youtube.com/watch?t=42&v=abc123'],
    ['t=1m2s', 'https://youtube.com/watch?v=abc123&t=1m2s'],
    ['start', 'https://www.youtube.com/watch?v=abc123&start=42'],
    ['T in upper case', 'https://www.youtube.com/watch?v=abc123&T=42'],
    ['m.youtube.com', 'https://m.youtube.com/watch?v=abc123&t=42s&feature=share'],
    ['youtu.be with t', 'https://youtu.be/abc123?t=42'],
    ['youtu.be with t and si', 'https://youtu.be/abc123?si=XyZ&t=42'],
    ['youtu.be with start', 'https://youtu.be/abc123?start=42'],
  ])('%s', (_form, input) => {
    expect(normalizeUrl(input)).toBe('youtube.com/watch?v=abc123');
  });

  it.each([
    ['music.youtube.com', 'https://music.youtube.com/watch?v=abc123&t=42', 'music.youtube.com/watch?v=abc123'],
    ['an embed with start', 'https://www.youtube.com/embed/abc123?start=42', 'youtube.com/embed/abc123'],
    ['a privacy-enhanced embed', 'https://www.youtube-nocookie.com/embed/abc123?start=42', 'youtube-nocookie.com/embed/abc123'],
    ["Vimeo's start time is a fragment", 'https://vimeo.com/123456#t=42s', 'vimeo.com/123456'],
  ])('%s', (_form, input, expected) => {
    expect(normalizeUrl(input)).toBe(expected);
  });

  it.each([
    ['t on another site', 'https://example.com/a?t=5', 'example.com/a?t=5'],
    ['start on another site', 'https://example.com/a?start=10', 'example.com/a?start=10'],
    ['a look-alike host', 'https://notyoutube.com/watch?v=abc123&t=5', 'notyoutube.com/watch?t=5&v=abc123'],
    ['a host under youtube.com.evil', 'https://youtube.com.evil.example/watch?v=abc123&t=5', 'youtube.com.evil.example/watch?t=5&v=abc123'],
    ['another YouTube parameter', 'https://www.youtube.com/watch?v=abc123&list=PL1&index=2', 'youtube.com/watch?index=2&list=PL1&v=abc123'],
    ['a name that only starts with t', 'https://www.youtube.com/watch?v=abc123&time_continue=5', 'youtube.com/watch?time_continue=5&v=abc123'],
  ])('%s keeps its parameter', (_form, input, expected) => {
    expect(normalizeUrl(input)).toBe(expected);
  });

  it('the rule is by host', () => {
    expect(isHostIgnoredParam('youtube.com', 't')).toBe(true);
    expect(isHostIgnoredParam('youtube.com', 'v')).toBe(false);
    expect(isHostIgnoredParam('example.com', 't')).toBe(false);
  });
});
