import { cleanup, render } from '@testing-library/preact';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { buildContentIndex } from '../../../src/index/build-content-index';
import { ArticleView } from '../../../src/ui/ArticleView';
import { contentFile } from '../helpers/content-files';

afterEach(cleanup);

/** Text an attacker or a broken pipeline could put in any field: markup, scripts, entities, controls, huge. */
const hostileText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(
    '<script>window.__pwned = 1</script>',
    '<img src=x onerror="window.__pwned=2">',
    '<a href="javascript:window.__pwned=3">click</a>',
    '"><svg onload=window.__pwned=4>',
    '&lt;b&gt;entity&lt;/b&gt; &amp; &#60;i&#62;',
    '{{constructor.constructor("window.__pwned=5")()}}',
    '\u202e\u0000\u0007 control\u2028chars',
    'x'.repeat(5000),
  ),
);

/** URLs of every kind a feed may carry: most are not http(s). */
const hostileUrl = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom(
    'javascript:window.__pwned=6',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '//evil.example/x',
    '/relative',
    'chrome://settings',
    'http://[::1]:99999/',
    'https://ok.example/a"onmouseover="alert(1)',
    'https://ok.example/<script>',
  ),
  fc.string(),
);

const maybe = <T,>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const anyValue = fc.oneof(hostileText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }));

/** Article frontmatter shaped by the schema, with hostile or wrong-typed values in every field. */
const hostileArticle = fc.record(
  {
    title: fc.oneof(hostileText, anyValue),
    excerpt: maybe(fc.oneof(hostileText, anyValue)),
    webUrl: fc.oneof(hostileUrl, anyValue),
    originalUrl: maybe(hostileUrl),
    ampWebUrl: maybe(hostileUrl),
    cdnAmpWebUrl: maybe(hostileUrl),
    publishedDateTime: maybe(
      fc.oneof(
        fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
        hostileText,
      ),
    ),
    type: maybe(hostileText),
    category: maybe(hostileText),
    quality: maybe(fc.oneof(fc.double(), fc.integer({ min: -5, max: 400 }), hostileText)),
    heat: maybe(fc.oneof(fc.integer({ min: -1, max: 300 }), anyValue)),
    published: maybe(anyValue),
    featuredContent: maybe(anyValue),
    provider: maybe(
      fc.record({ name: fc.oneof(hostileText, anyValue), domain: maybe(hostileText), images: maybe(fc.array(fc.record({ url: hostileUrl }), { maxLength: 2 })) }),
    ),
    topics: maybe(fc.oneof(hostileText, fc.array(fc.oneof(hostileText, anyValue), { maxLength: 5 }))),
    images: maybe(fc.array(fc.record({ url: hostileUrl, width: maybe(anyValue) }), { maxLength: 2 })),
    related: maybe(
      fc.array(
        fc.record({
          title: fc.oneof(hostileText, anyValue),
          webUrl: maybe(hostileUrl),
          ampWebUrl: maybe(hostileUrl),
          quality: maybe(anyValue),
          publishedDateTime: maybe(anyValue),
          provider: maybe(fc.record({ name: hostileText })),
        }),
        { maxLength: 6 },
      ),
    ),
  },
  { requiredKeys: [] },
);

describe('hostile articles', () => {
  it('never break the index or the popup; every rendered link is http(s); no markup from content is interpreted', () => {
    fc.assert(
      fc.property(fc.array(hostileArticle, { minLength: 1, maxLength: 4 }), (articles) => {
        const built = buildContentIndex(articles.map((fields, n) => contentFile(`a${n}.md`, fields)));
        expect(built.report.articles + built.report.errors.length).toBeGreaterThanOrEqual(
          articles.length - built.report.warnings.filter((w) => w.message.startsWith('same article URL')).length,
        );
        for (const article of built.articles) {
          const { container, unmount } = render(<ArticleView article={article} via="normalised" now={new Date('2026-11-24T00:00:00Z')} loadRemoteImages={true} />);
          for (const link of container.querySelectorAll('a')) {
            expect(new URL(link.getAttribute('href')!).protocol).toMatch(/^https?:$/);
            expect(link.getAttribute('rel')).toBe('noopener noreferrer');
          }
          for (const image of container.querySelectorAll('img')) expect(new URL(image.getAttribute('src')!).protocol).toMatch(/^https?:$/);
          // Only the elements our components create: none from content.
          expect(container.querySelectorAll('script, svg, iframe, object, embed, b, i, form, style')).toHaveLength(0);
          expect([...container.querySelectorAll('*')].some((element) => [...element.attributes].some((attribute) => attribute.name.startsWith('on')))).toBe(false);
          expect((globalThis as { __pwned?: number }).__pwned).toBeUndefined();
          unmount();
        }
      }),
      { numRuns: 150 },
    );
  });
});
