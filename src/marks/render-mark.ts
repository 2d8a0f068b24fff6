import { catalogueText } from '../catalogues/catalogue-text';
import { bandLabel } from '../i18n/band-text';
import { dateText, formatNumber, t } from '../i18n/translate';
import { QUALITY_BANDS, type QualityBandId } from '../quality/quality-band';
import { markText } from './link-mark';
import type { LinkMark, MarkCard } from './marks-protocol';

/** The tag of a mark: one element right after its link. */
const MARK_TAG = 'backstory-mark';

type Styles = Readonly<Record<string, string>>;

/**
 * Styles are set through the CSSOM (one `style.cssText` per element), each `!important`: a page's stylesheet cannot
 * override them on the host (inline important declarations win), cannot reach inside the closed shadow root at
 * all, and a page's Content Security Policy, which may forbid style elements and style attributes, does not govern
 * CSSOM writes. Only the host needs `all: initial` (inside the shadow root no page rule applies): it expands to
 * every CSS property, so it is set once, in one assignment.
 */
function style(element: HTMLElement, ...styles: Styles[]): void {
  element.style.cssText = styles.map(cssTextOf).join(' ');
}

const cssTexts = new WeakMap<Styles, string>();
function cssTextOf(styles: Styles): string {
  let text = cssTexts.get(styles);
  if (text === undefined) {
    text = Object.entries(styles)
      .map(([property, value]) => `${property}: ${value} !important;`)
      .join(' ');
    cssTexts.set(styles, text);
  }
  return text;
}

const HOST_STYLE: Styles = {
  all: 'initial',
  display: 'inline-block',
  position: 'static',
  'vertical-align': 'baseline',
  'line-height': '1',
  'margin-inline-start': '0.3em',
  'white-space': 'nowrap',
};

const BUTTON_STYLE: Styles = {
  margin: '0',
  appearance: 'none',
  'text-transform': 'none',
  'letter-spacing': 'normal',
  'min-width': '0',
  display: 'inline-block',
  'box-sizing': 'border-box',
  font: '600 11px/1 system-ui, -apple-system, "Segoe UI", sans-serif',
  padding: '1px 4px',
  'border-radius': '3px',
  'border-width': '1px',
  'border-style': 'solid',
  cursor: 'pointer',
  'vertical-align': 'baseline',
  'font-variant-numeric': 'tabular-nums',
};

const CARD_STYLE: Styles = {
  display: 'none',
  position: 'fixed',
  'z-index': '2147483647',
  'box-sizing': 'border-box',
  'max-width': '320px',
  'min-width': '200px',
  padding: '8px 10px',
  background: '#ffffff',
  color: '#111827',
  border: '1px solid #d1d5db',
  'border-radius': '6px',
  'box-shadow': '0 4px 16px rgba(0, 0, 0, 0.18)',
  font: '400 13px/1.35 system-ui, -apple-system, "Segoe UI", sans-serif',
  'white-space': 'normal',
  'text-align': 'start',
};

const bandStyles = (styles: (color: string) => Styles) =>
  Object.fromEntries(Object.values(QUALITY_BANDS).map((band) => [band.id, styles(band.badgeColor)])) as Record<QualityBandId, Styles>;
/** An article's mark is filled with its band's colour; related coverage is quieter: outlined, lighter. */
const ARTICLE_STYLES = bandStyles((color) => ({ background: color, 'border-color': color, color: '#ffffff' }));
const RELATED_STYLES = bandStyles((color) => ({ background: 'transparent', 'border-color': color, color, opacity: '0.85', 'font-weight': '400' }));

const LINE_STYLE: Styles = { display: 'block', font: 'inherit', color: 'inherit', margin: '3px 0 0' };
const HEADING_STYLE: Styles = { ...LINE_STYLE, 'font-weight': '600', margin: '0' };

/** What a screen reader says for a mark. */
export function markLabel(mark: LinkMark): string {
  const what = mark.kind === 'article' ? t('marks.article') : t('marks.related');
  const quality = mark.quality === undefined ? t('marks.notScored') : t('marks.scored', [formatNumber(mark.quality), bandLabel(mark.band)]);
  return t('marks.label', [what, quality]);
}

/** The lines of a card, as text. Pure. */
export function cardLines(card: MarkCard): { title: string; lines: string[] } {
  const lines: string[] = [];
  if (card.coverageOf) {
    const { title, count } = card.coverageOf;
    lines.push(count > 1 ? t('marks.coverageOfMore', [title, formatNumber(count - 1)]) : t('marks.coverageOf', [title]));
  }
  const date = card.publishedDateTime ? dateText(card.publishedDateTime) : '';
  const byline = [card.provider, date].filter(Boolean).join(' · ');
  if (byline) lines.push(byline);
  const band = bandLabel(card.band);
  lines.push(card.quality === undefined ? t('marks.cardQuality', [band]) : t('marks.cardQualityScored', [formatNumber(Math.round(card.quality)), band]));
  if (card.topics.length > 0) lines.push(card.topics.join(', '));
  if (card.catalogues?.length) lines.push(catalogueText(card.catalogues[0], card.catalogues.slice(1)));
  return { title: card.title, lines };
}

export interface MarkElement {
  host: HTMLElement;
  /** Shows the card (loading it first, once). */
  open(): void;
  close(): void;
}

/**
 * Draws one mark: an element named `backstory-mark` with a closed shadow root holding a button (the score, coloured
 * by band; related coverage outlined, quieter) and a card shown on hover, keyboard focus or activation, filled by
 * `loadCard` the first time. All text goes in as text nodes. Activating the mark never navigates: the click stops
 * at the button. `doc` is the page's document (a parameter, for tests).
 */
export function createMarkElement(doc: Document, mark: LinkMark, loadCard: () => Promise<MarkCard | null>): MarkElement {
  const host = doc.createElement(MARK_TAG);
  style(host, HOST_STYLE);
  const root = host.attachShadow({ mode: 'closed' });
  const button = doc.createElement('button');
  button.type = 'button';
  button.textContent = markText(mark);
  button.setAttribute('aria-label', markLabel(mark));
  button.setAttribute('aria-expanded', 'false');
  style(button, BUTTON_STYLE, (mark.kind === 'article' ? ARTICLE_STYLES : RELATED_STYLES)[mark.band]);
  root.append(button);
  // The card is made the first time it is shown: most marks are never opened.
  let card: HTMLElement | null = null;
  const cardElement = () => {
    if (!card) {
      card = doc.createElement('div');
      card.setAttribute('role', 'dialog');
      card.setAttribute('aria-label', t('extName'));
      style(card, CARD_STYLE);
      root.append(card);
    }
    return card;
  };

  let loaded: Promise<void> | null = null;
  let pinned = false;
  let shown = false;
  const fill = (data: MarkCard | null) => {
    const card = cardElement();
    card.replaceChildren();
    if (!data) {
      card.append(line(t('marks.noDetails')));
      return;
    }
    const { title, lines } = cardLines(data);
    const heading = doc.createElement('strong');
    style(heading, HEADING_STYLE);
    heading.textContent = title;
    card.append(heading, ...lines.map(line));
  };
  const line = (text: string) => {
    const element = doc.createElement('span');
    style(element, LINE_STYLE);
    element.textContent = text;
    return element;
  };
  const place = () => {
    const rect = host.getBoundingClientRect();
    const view = doc.defaultView;
    const width = view?.innerWidth ?? 1024;
    const height = view?.innerHeight ?? 768;
    const left = Math.max(4, Math.min(rect.left, width - 324));
    const below = rect.bottom + 4;
    const card = cardElement();
    card.style.setProperty('left', `${left}px`, 'important');
    card.style.setProperty('top', below + 120 < height ? `${below}px` : `${Math.max(4, rect.top - 124)}px`, 'important');
  };
  const open = () => {
    const card = cardElement();
    if (!loaded) {
      card.replaceChildren(line(t('marks.loading')));
      loaded = loadCard().then(fill, () => fill(null));
    }
    shown = true;
    place();
    card.style.setProperty('display', 'block', 'important');
    button.setAttribute('aria-expanded', 'true');
  };
  const close = () => {
    shown = false;
    pinned = false;
    card?.style.setProperty('display', 'none', 'important');
    button.setAttribute('aria-expanded', 'false');
  };
  button.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    if (shown && pinned) close();
    else {
      pinned = true;
      open();
    }
  });
  button.addEventListener('focus', open);
  button.addEventListener('blur', () => close());
  button.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });
  host.addEventListener('mouseenter', open);
  host.addEventListener('mouseleave', () => {
    if (!pinned) close();
  });
  return { host, open, close };
}
