import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collectLinks, markableHref } from '../../../src/marks/collect-links';
import { createHrefLookup } from '../../../src/marks/href-lookup';
import { runMarksContentScript } from '../../../src/marks/marks-content-script';
import type { LinkMark, MarkCard } from '../../../src/marks/marks-protocol';
import { startPageMarks } from '../../../src/marks/page-marks';
import { createMarkElement } from '../../../src/marks/render-mark';

const ARTICLE: LinkMark = { kind: 'article', quality: 77, band: 'high' };
const RELATED: LinkMark = { kind: 'related', quality: 39, band: 'low' };
/** The fake background: hrefs containing /article/ are articles, /related/ related coverage, anything else nothing. */
const answerOf = (href: string) => (href.includes('/article/') ? ARTICLE : href.includes('/related/') ? RELATED : null);

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

function setUp(html: string) {
  document.body.innerHTML = html;
  const batches: string[][] = [];
  const lookUp = vi.fn(async (hrefs: string[]) => {
    batches.push(hrefs);
    return hrefs.map(answerOf);
  });
  const loadCard = vi.fn(async (): Promise<MarkCard> => ({
    kind: 'article',
    title: '<img src=x onerror="window.pwned=1">Title',
    provider: 'P',
    quality: 77,
    band: 'high',
    topics: ['<b>t</b>'],
  }));
  const marks = startPageMarks({ document, lookUp, loadCard });
  return { batches, lookUp, loadCard, marks };
}

/** The link ids that have a mark right after them. */
const marked = (root: ParentNode = document) =>
  [...root.querySelectorAll('a')].filter((link) => link.nextElementSibling?.localName === 'backstory-mark').map((link) => link.id);

describe('href collection', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it('reads resolved http(s) hrefs only, without the fragment; never javascript:, data:, mailto:', () => {
    document.body.innerHTML = `
      <a id="a" href="/article/1#comments">relative</a>
      <a id="b" href="https://x.example/article/2">absolute</a>
      <a id="c" href="javascript:alert(1)">js</a>
      <a id="d" href="data:text/html,x">data</a>
      <a id="e" href="mailto:a@b.example">mail</a>
      <a id="f">no href</a>
      <svg><a id="g" href="https://x.example/article/3">svg</a></svg>`;
    const { links } = collectLinks(document);
    expect(links.map((link) => link.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(links.map(markableHref)).toEqual([new URL('/article/1', location.href).href, 'https://x.example/article/2', null, null, null]);
  });

  it('finds links in open shadow roots, and the roots to watch', () => {
    document.body.innerHTML = '<div id="host"></div>';
    const root = document.getElementById('host')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<p><a id="inner" href="https://x.example/article/1">in shadow</a></p>';
    const { links, shadowRoots } = collectLinks(document);
    expect(links.map((link) => link.id)).toEqual(['inner']);
    expect(shadowRoots).toEqual([root]);
  });
});

describe('batching', () => {
  it('looks each distinct href up once, in batches of at most 500', async () => {
    const sent: string[][] = [];
    const onAnswers = vi.fn();
    const lookup = createHrefLookup<LinkMark>({ send: async (hrefs) => (sent.push(hrefs), hrefs.map(answerOf)), onAnswers });
    for (let round = 0; round < 2; round++) for (let i = 0; i < 1200; i++) lookup.want(`https://x.example/article/${i}`);
    await flush();
    expect(sent.map((batch) => batch.length)).toEqual([500, 500, 200]);
    expect(lookup.sent).toBe(1200);
    expect(lookup.get('https://x.example/article/7')).toEqual(ARTICLE);
    lookup.want('https://x.example/article/7');
    await flush();
    expect(sent.length).toBe(3);
  });

  it('stops sending after a failure (the extension went away)', async () => {
    const onFailure = vi.fn();
    const send = vi.fn(async () => Promise.reject(new Error('Extension context invalidated')));
    const lookup = createHrefLookup<LinkMark>({ send, onAnswers: () => {}, onFailure });
    lookup.want('https://x.example/1');
    await flush();
    lookup.want('https://x.example/2');
    await flush();
    expect(send).toHaveBeenCalledTimes(1);
    expect(onFailure).toHaveBeenCalledTimes(1);
  });
});

describe('marks on a page', () => {
  let stop: () => void = () => {};
  beforeEach(() => (document.body.innerHTML = ''));
  afterEach(() => stop());

  it('marks exactly the links to articles and related coverage, right after each link, one lookup per href', async () => {
    const setup = setUp(`
      <a id="a1" href="https://x.example/article/1">one</a>
      <a id="a1-again" href="https://x.example/article/1">one again</a>
      <a id="r1" href="https://y.example/related/1">related</a>
      <a id="n1" href="https://x.example/section">section</a>
      <a id="js" href="javascript:void(0)">js</a>`);
    stop = setup.marks.stop;
    await flush();
    expect(marked()).toEqual(['a1', 'a1-again', 'r1']);
    expect(setup.batches).toEqual([['https://x.example/article/1', 'https://y.example/related/1', 'https://x.example/section']]);
    // The page sees the element only: its shadow root is closed, it has no text and no data attributes.
    const mark = document.querySelector('backstory-mark') as HTMLElement;
    expect(mark.shadowRoot).toBeNull();
    expect(mark.textContent).toBe('');
    expect(mark.getAttributeNames()).toEqual(['style']);
  });

  it('follows the page: added links, changed hrefs, deleted and moved marks; stop() removes them all', async () => {
    const setup = setUp('<div id="list"><a id="a1" href="https://x.example/article/1">one</a></div><a id="n1" href="https://x.example/other">other</a>');
    stop = setup.marks.stop;
    await flush();
    expect(marked()).toEqual(['a1']);

    const added = document.createElement('a');
    added.id = 'a2';
    added.href = 'https://x.example/article/2';
    document.getElementById('list')!.append(added);
    (document.getElementById('n1') as HTMLAnchorElement).href = 'https://x.example/related/9';
    await flush();
    expect(marked()).toEqual(['a1', 'a2', 'n1']);

    (document.getElementById('a1') as HTMLAnchorElement).href = 'javascript:void(0)';
    document.querySelector('#a2 + backstory-mark')!.remove();
    await flush();
    expect(marked()).toEqual(['a2', 'n1']);
    expect(document.querySelectorAll('backstory-mark').length).toBe(2);

    document.body.prepend(document.getElementById('a2')!);
    await flush();
    expect(marked()).toEqual(['a2', 'n1']);
    expect(document.querySelectorAll('backstory-mark').length).toBe(2);

    setup.marks.stop();
    expect(document.querySelectorAll('backstory-mark').length).toBe(0);
  });

  it('gives up on a mark the page keeps deleting', async () => {
    const setup = setUp('<a id="a1" href="https://x.example/article/1">one</a>');
    stop = setup.marks.stop;
    for (let i = 0; i < 6; i++) {
      await flush();
      document.querySelector('backstory-mark')?.remove();
    }
    await flush();
    expect(document.querySelectorAll('backstory-mark').length).toBe(0);
  });

  it('marks links in open shadow roots, and links added to them later', async () => {
    document.body.innerHTML = '<div id="host"></div>';
    const root = document.getElementById('host')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<a id="s1" href="https://x.example/article/1">in shadow</a>';
    const marks = startPageMarks({ document, lookUp: async (hrefs) => hrefs.map(answerOf), loadCard: async () => null });
    stop = marks.stop;
    await flush();
    expect(marked(root)).toEqual(['s1']);
    const later = document.createElement('a');
    later.id = 's2';
    later.href = 'https://x.example/article/2';
    root.append(later);
    await flush();
    expect(marked(root)).toEqual(['s1', 's2']);
  });

  it('handles thousands of links in slices, and each distinct href once', async () => {
    const links = Array.from({ length: 3000 }, (_, i) => `<a href="https://x.example/${i % 10 === 0 ? 'article' : 'page'}/${i % 1500}">${i}</a>`).join('');
    const setup = setUp(links);
    stop = setup.marks.stop;
    await vi.waitFor(() => expect(document.querySelectorAll('backstory-mark').length).toBe(300), { timeout: 5000 });
    expect(setup.batches.flat().length).toBe(1500);
    expect(Math.max(...setup.batches.map((batch) => batch.length))).toBeLessThanOrEqual(500);
  });
});

/** Runs `draw` and returns the (closed) shadow root it attached: the real code path, with the root kept for the test. */
function captureShadowRoot(draw: () => unknown): ShadowRoot {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call(this) below
  const original = Element.prototype.attachShadow;
  let root: ShadowRoot | null = null;
  Element.prototype.attachShadow = function (init) {
    root = original.call(this, init);
    return root;
  };
  try {
    draw();
  } finally {
    Element.prototype.attachShadow = original;
  }
  return root!;
}

describe('a mark', () => {
  it('shows text as text: markup in a card is never interpreted; activation opens the card and never navigates', async () => {
    const root = captureShadowRoot(() =>
      createMarkElement(document, ARTICLE, async () => ({
        kind: 'article',
        title: '<img src=x onerror="window.pwned=1">Title',
        provider: '<script>window.pwned=2</script>',
        quality: 77,
        band: 'high',
        topics: ['<b>t</b>'],
      })),
    );
    const link = document.createElement('a');
    link.href = 'https://x.example/article/1';
    document.body.append(link);
    link.after(root.host);
    const clicked = vi.fn();
    document.body.addEventListener('click', clicked);
    root.querySelector('button')!.click();
    await flush();
    const card = root.querySelector('[role="dialog"]') as HTMLElement;
    expect(card.style.getPropertyValue('display')).toBe('block');
    expect(card.textContent).toContain('<img src=x onerror="window.pwned=1">Title');
    expect(card.textContent).toContain('<script>window.pwned=2</script>');
    expect(root.querySelectorAll('img, script, b').length).toBe(0);
    expect((window as { pwned?: number }).pwned).toBeUndefined();
    expect(root.host.querySelectorAll('*').length).toBe(0);
    expect(clicked).not.toHaveBeenCalled();
  });

  it.each([
    [ARTICLE, '77', '#15803d'],
    [{ kind: 'article' as const, band: 'unscored' as const }, '•', '#4b5563'],
    [RELATED, '39', 'transparent'],
  ])('draws %j as %s on %s', (linkMark, text, background) => {
    const root = captureShadowRoot(() => createMarkElement(document, linkMark, async () => null));
    const button = root.querySelector('button')!;
    expect(button.textContent).toBe(text);
    expect(button.style.getPropertyValue('background')).toBe(background);
    expect(button.style.getPropertyPriority('background')).toBe('important');
  });
});

describe('the content script', () => {
  it('runs once per page, and removes every mark when its site is turned off', async () => {
    document.body.innerHTML = '<a id="a1" href="https://x.example/article/1">one</a>';
    const global: Record<string, unknown> = {};
    let onSites: (sites: string[]) => void = () => {};
    const sendMessage = vi.fn(async (message: unknown) => {
      const { hrefs } = message as { hrefs: string[] };
      return { marks: hrefs.map(answerOf) };
    });
    const deps = {
      document,
      sendMessage,
      watchSites: (callback: (sites: string[]) => void) => ((onSites = callback), () => {}),
      pageUrl: () => 'https://front.example/',
      global,
    };
    runMarksContentScript(deps);
    runMarksContentScript(deps);
    await flush();
    expect(document.querySelectorAll('backstory-mark').length).toBe(1);
    expect(sendMessage).toHaveBeenCalledTimes(1);
    onSites(['front.example', 'other.example']);
    expect(document.querySelectorAll('backstory-mark').length).toBe(1);
    onSites(['other.example']);
    expect(document.querySelectorAll('backstory-mark').length).toBe(0);
  });
});
