import { formatNumber, plural, t } from '../i18n/translate';
import type { PageDescription } from '../index/content-index';
import type { Options } from '../options/options';
import { qualityBand } from '../quality/quality-band';

/** Which toolbar icon a tab shows: each kind of answer has its own, so they tell apart at a glance. */
export type BadgeIcon = 'article' | 'related' | 'site' | 'none';

/** What the toolbar shows for one tab. */
export interface BadgeState {
  /** Badge text: the quality score, `•` when unscored, '' for none (site profiles never show a number). */
  text: string;
  /** Badge background colour, by quality band. */
  color: string;
  /** The icon's tooltip. */
  title: string;
  icon: BadgeIcon;
}

function noBadge(): BadgeState {
  return { text: '', color: '#4b5563', title: t('badge.noBackstory'), icon: 'none' };
}

/** Titles are cut here: a tooltip is one line. */
const MAX_TITLE_QUOTE = 60;

/**
 * The toolbar state for a tab, from what Backstory knows about its page. Pure.
 * - a bundled article: its quality on the indigo icon ("Backstory: South China Morning Post · quality 77");
 * - related coverage: the story's own quality on the teal icon ("Backstory: related coverage of '…' · quality 39");
 * - a bundled site's other page: the slate icon, no number (the number is for pages with their own score);
 * - nothing: the grey icon.
 * The number follows the reader's options (badge off, minimum quality).
 */
export function badgeState(description: PageDescription, options: Options): BadgeState {
  switch (description.kind) {
    case 'article': {
      const { article } = description;
      const provider = article.providerName ?? article.providerDomain ?? t('badge.unknownProvider');
      return scoredBadge(article.quality, (quality) => t('badge.article', [provider, quality]), 'article', options);
    }
    case 'related': {
      const { listedBy } = description.story;
      const first = shorten(listedBy[0]?.title ?? '');
      const title =
        listedBy.length > 1
          ? (quality: string) => t('badge.relatedMore', [first, formatNumber(listedBy.length - 1), quality])
          : (quality: string) => t('badge.related', [first, quality]);
      return scoredBadge(description.story.quality, title, 'related', options);
    }
    case 'site': {
      const { site } = description;
      const name = site.providerName ?? site.domains[0];
      return { text: '', color: noBadge().color, title: t('badge.site', [name, plural('count.articles', site.articles)]), icon: 'site' };
    }
    case 'none':
      return noBadge();
  }
}

/** A badge with the page's own score: `title` is given the score in words ("quality 77", "no quality score"). */
function scoredBadge(quality: number | undefined, title: (quality: string) => string, icon: BadgeIcon, options: Options): BadgeState {
  const scored = quality !== undefined;
  const shown = options.showBadge && (scored ? quality >= options.minQuality : options.minQuality === 0);
  return {
    text: !shown ? '' : scored ? String(Math.round(quality)) : '•',
    color: qualityBand(quality).badgeColor,
    title: title(scored ? t('badge.quality', [formatNumber(quality)]) : t('badge.noQuality')),
    icon,
  };
}

function shorten(title: string): string {
  return title.length > MAX_TITLE_QUOTE ? `${title.slice(0, MAX_TITLE_QUOTE - 1).trimEnd()}…` : title;
}

/** A tab on a site the reader paused Backstory on: nothing shown, and the tooltip says why. */
export function pausedBadge(site: string): BadgeState {
  return { ...noBadge(), title: t('popup.paused', [site]) };
}
