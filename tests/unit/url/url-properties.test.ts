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

/** A character of a path or query and the spellings that must all give one key; `[0]` is the bare one. */
type Spelled = readonly string[];

function escapesOf(char: string): string[] {
  const upper = [...new TextEncoder().encode(char)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  return upper === upper.toLowerCase() ? [upper] : [upper, upper.toLowerCase()];
}

const bareOrEscaped = (chars: string): Spelled[] => [...chars].map((char) => [char, ...escapesOf(char)]);
const UNRESERVED = 'aZ09-._~';
const SUB_DELIMS = "!$&'()*+,;=:@";
const QUERY_SUB_DELIMS = "!$'()*,:@/?"; // in a query `&`, `=`, `+` and `;` are structure or a space

const pathChar = fc.constantFrom<Spelled>(...bareOrEscaped(`${UNRESERVED}${SUB_DELIMS}[]é`), [' ', '%20']);
/** `&`, `=`, `+`, `#`, `%`, `;` as data: only escaped, bare they are structure; a bare `;` is a character of its own. */
const queryData: Spelled[] = [['%26'], ['%3D', '%3d'], ['%2B', '%2b'], ['%23'], ['%25'], ['%3B', '%3b'], [';']];
const queryNameChar = fc.constantFrom<Spelled>(...bareOrEscaped(`${UNRESERVED}${QUERY_SUB_DELIMS}[]é`), [' ', '+', '%20'], ...queryData);
/** In a value, a bare `=` is data too. */
const queryValueChar = fc.oneof(queryNameChar, fc.constant<Spelled>(['=', '%3D', '%3d']));

/** A path or query, as characters, each with the choice of spelling for two URLs of the same page. */
const spelledText = (char: fc.Arbitrary<Spelled>, minLength = 0) => fc.array(fc.tuple(char, fc.nat(), fc.nat()), { minLength, maxLength: 12 });
type SpelledText = [Spelled, number, number][];
const spell = (text: SpelledText, which: 1 | 2) => text.map((entry) => entry[0][entry[which] % entry[0].length]).join('');

const spelledUrl = fc.record({
  domain: fc.domain(),
  segments: fc.array(spelledText(pathChar), { maxLength: 4 }),
  params: fc.array(fc.tuple(spelledText(queryNameChar, 1), spelledText(queryValueChar)), { maxLength: 3 }),
});
type SpelledUrl = { domain: string; segments: SpelledText[]; params: [SpelledText, SpelledText][] };

function spellUrl({ domain, segments, params }: SpelledUrl, which: 1 | 2): string {
  const path = segments.map((segment) => `/${spell(segment, which)}`).join('');
  const query = params.map(([name, value]) => `${spell(name, which)}=${spell(value, which)}`).join('&');
  // A bare space at the very end is not part of a URL one can paste: it is trimmed away.
  return `https://${domain}${path}${query ? `?${query}` : ''}`.replace(/ +$/, (spaces) => '%20'.repeat(spaces.length));
}

const spelledUrlString = spelledUrl.chain((url) => fc.constantFrom(spellUrl(url, 1), spellUrl(url, 2)));

describe('URL normalisation and matching, for any input', () => {
  it('never throw, for any string', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), urlLike, fc.webUrl({ withQueryParameters: true, withFragments: true }), spelledUrlString),
        (input) => {
          urlKeys(input);
          normalizeUrl(input);
          matchUrl(index.lookup, input);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('never throw, for any value at all', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => void matchUrl(index.lookup, input)),
      { numRuns: 500 },
    );
  });

  it('a key normalises to itself: normalisation is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(urlLike, fc.webUrl({ withQueryParameters: true, withFragments: true }), spelledUrlString), (input) => {
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

  it('decoding or encoding a sub-delimiter, a bracket or a query space never changes the key, either way', () => {
    fc.assert(
      fc.property(spelledUrl, (url) => {
        const [one, two] = [spellUrl(url, 1), spellUrl(url, 2)];
        expect(normalizeUrl(one), `${one} / ${two}`).toBe(normalizeUrl(two));
        expect(normalizeUrl(one)).not.toBeNull();
      }),
      { numRuns: 2000 },
    );
  });

  it('encoding a /, ? or # of a path always changes the key', () => {
    fc.assert(
      fc.property(
        fc.domain(),
        spelledText(pathChar),
        spelledText(pathChar),
        fc.constantFrom(['/', '%2F'], ['/', '%2f'], ['?', '%3F'], ['#', '%23']),
        (domain, before, after, [bare, escaped]) => {
          const [head, tail] = [spell(before, 1), spell(after, 2)];
          expect(normalizeUrl(`https://${domain}/${head}${bare}${tail}`)).not.toBe(normalizeUrl(`https://${domain}/${head}${escaped}${tail}`));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('encoding a &, =, ; or # of a query, or a + for %2B, always changes the key', () => {
    fc.assert(
      fc.property(
        fc.domain(),
        spelledText(queryNameChar, 1),
        spelledText(queryNameChar),
        spelledText(queryNameChar),
        fc.constantFrom(['&', '%26'], ['#', '%23'], ['+', '%2B'], [';', '%3B']),
        (domain, name, before, after, [bare, escaped]) => {
          const [head, tail] = [`${spell(name, 1)}=${spell(before, 1)}`, spell(after, 2)];
          expect(normalizeUrl(`https://${domain}/a?${head}${bare}${tail}`)).not.toBe(normalizeUrl(`https://${domain}/a?${head}${escaped}${tail}`));
        },
      ),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.domain(), spelledText(queryNameChar, 1), spelledText(queryValueChar), (domain, name, value) => {
        const [head, tail] = [spell(name, 1), spell(value, 2)];
        expect(normalizeUrl(`https://${domain}/a?${head}=${tail}`)).not.toBe(normalizeUrl(`https://${domain}/a?${head}%3D${tail}`));
      }),
      { numRuns: 500 },
    );
  });
});
