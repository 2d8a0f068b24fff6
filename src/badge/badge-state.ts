import type { IndexedArticle } from '../index/indexed-article';
import type { Options } from '../options/options';
import { qualityBand } from '../quality/quality-band';

/** What the toolbar shows for one tab. */
export interface BadgeState {
  /** Badge text: the quality score, `•` for an unscored article, '' for none. */
  text: string;
  /** Badge background colour, by quality band. */
  color: string;
  /** The icon's tooltip. */
  title: string;
  /** The coloured ("lit") icon instead of the grey one. */
  lit: boolean;
}

export const NO_BADGE: BadgeState = { text: '', color: '#4b5563', title: 'Backstory: no backstory for this page', lit: false };

/**
 * The toolbar state for a tab showing `article` (or none). The icon lights up for every bundled article; the
 * badge number follows the reader's options. Pure.
 */
export function badgeState(article: Pick<IndexedArticle, 'quality' | 'providerName' | 'providerDomain'> | null, options: Options): BadgeState {
  if (!article) return NO_BADGE;
  const provider = article.providerName ?? article.providerDomain ?? 'unknown provider';
  const scored = article.quality !== undefined;
  const title = `Backstory: ${provider} · ${scored ? `quality ${article.quality}` : 'no quality score'}`;
  const shown = options.showBadge && (scored ? article.quality! >= options.minQuality : options.minQuality === 0);
  const text = !shown ? '' : scored ? String(Math.round(article.quality!)) : '•';
  return { text, color: qualityBand(article.quality).badgeColor, title, lit: true };
}
