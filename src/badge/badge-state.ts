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

const NO_BADGE: BadgeState = { text: '', color: '#4b5563', title: 'Backstory: no backstory for this page', icon: 'none' };

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
      const provider = article.providerName ?? article.providerDomain ?? 'unknown provider';
      return scoredBadge(article.quality, `Backstory: ${provider}`, 'article', options);
    }
    case 'related': {
      const [first] = description.story.listedBy;
      const of = first ? ` of ‘${shorten(first.title)}’` : '';
      const more = description.story.listedBy.length > 1 ? ` and ${description.story.listedBy.length - 1} more` : '';
      return scoredBadge(description.story.quality, `Backstory: related coverage${of}${more}`, 'related', options);
    }
    case 'site': {
      const { site } = description;
      const name = site.providerName ?? site.domains[0];
      const count = site.articles === 1 ? '1 article' : `${site.articles.toLocaleString('en')} articles`;
      return { text: '', color: NO_BADGE.color, title: `Backstory: ${name} has ${count} in Backstory; this page is not one`, icon: 'site' };
    }
    case 'none':
      return NO_BADGE;
  }
}

function scoredBadge(quality: number | undefined, what: string, icon: BadgeIcon, options: Options): BadgeState {
  const scored = quality !== undefined;
  const shown = options.showBadge && (scored ? quality >= options.minQuality : options.minQuality === 0);
  return {
    text: !shown ? '' : scored ? String(Math.round(quality)) : '•',
    color: qualityBand(quality).badgeColor,
    title: `${what} · ${scored ? `quality ${quality}` : 'no quality score'}`,
    icon,
  };
}

function shorten(title: string): string {
  return title.length > MAX_TITLE_QUOTE ? `${title.slice(0, MAX_TITLE_QUOTE - 1).trimEnd()}…` : title;
}
