import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchUrl } from '../../../src/match/match-url';
import { normalizeUrl, urlKeys } from '../../../src/url/normalize-url';
import { buildIndexOf } from '../helpers/content-files';

const index = buildIndexOf({
  'a.md': { title: 'A', webUrl: 'https://www.example.com/2021/06/story.html', ampWebUrl: 'https://www.example.com/amp/2021/06/story.html' },
  'b.md': { title: 'B', webUrl: 'https://bücher.example/artikel?id=7' },
});

/** Strings that look like URLs, with the pieces that normalisation cares about, mixed with noise. */
const urlLike = fc
  .tuple(
    fc.constantFrom('http://', 'https://', 'HTTPS://', 'javascript:', 'data:', '', 'ftp://', '//', 'view-source:https://'),
    fc.constantFrom('www.', 'm.', 'amp.', 'WWW.', '', 'www-example-com.cdn.ampproject.org/c/s/', 'google.com/amp/s/'),
    fc.oneof(fc.domain(), fc.constantFrom('bücher.example', 'xn--bcher-kva.example', '[::1]', '127.0.0.1', 'example.com.')),
    fc.constantFrom('', ':443', ':80', ':8080', ':99999'),
    fc.webPath(),
    fc.constantFrom('', '/', '/amp', '.amp', '.amp.html', '/index.html', '%7e', '%zz'),
    fc.webQueryParameters().map((query) => (query ? `?${query}` : '')),
    fc.constantFrom('', '&utm_source=x', '&amp=1', '?fbclid=1', '&v=%E2%9C%93', '+'),
    fc.constantFrom('', '#top', '#!/route', '#'),
  )
  .map((parts) => parts.join(''));

describe('URL normalisation and matching, for any input', () => {
  it('never throw, for any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), urlLike, fc.webUrl({ withQueryParameters: true, withFragments: true })), (input) => {
        urlKeys(input);
        normalizeUrl(input);
        matchUrl(index.lookup, input);
      }),
      { numRuns: 3000 },
    );
  });

  it('never throw, for any value at all', () => {
    fc.assert(fc.property(fc.anything(), (input) => void matchUrl(index.lookup, input)), { numRuns: 500 });
  });

  it('a key normalises to itself: normalisation is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(urlLike, fc.webUrl({ withQueryParameters: true, withFragments: true })), (input) => {
        const key = normalizeUrl(input);
        if (key !== null) expect(normalizeUrl(`https://${key}`)).toBe(key);
      }),
      { numRuns: 3000 },
    );
  });

  it('a home page never matches', () => {
    fc.assert(
      fc.property(fc.domain(), fc.constantFrom('', '/', '/?utm_source=x', '/#top', '/amp', '/index.html'), (domain, rest) => {
        expect(matchUrl(index.lookup, `https://${domain}${rest}`)).toBeNull();
      }),
    );
  });
});
