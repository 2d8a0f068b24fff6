import type { PageDescription } from '../index/content-index';
import type { PageAnswer } from '../match/describe-page';
import { qualityBand } from '../quality/quality-band';
import type { LinkMark, MarkCard } from './marks-protocol';

/** At most this many topics on a card. */
const MAX_CARD_TOPICS = 5;

/**
 * The mark a link gets for {@link describePage}'s answer: bundled articles and related coverage get one, with the
 * quality score and its band; site profiles (home pages, section pages, other articles of a bundled site) and
 * unknown pages get none, or a front page would be covered in marks. Pure.
 */
export function linkMarkOf(answer: PageAnswer, quality: number | undefined): LinkMark | null {
  if (answer.kind !== 'article' && answer.kind !== 'related') return null;
  const scored = quality !== undefined && Number.isFinite(quality);
  return { kind: answer.kind, ...(scored ? { quality: Math.round(quality) } : {}), band: qualityBand(quality).id };
}

/** The card of a marked link, from the index's description of its target; null when it gets no mark. Pure. */
export function markCardOf(description: PageDescription): MarkCard | null {
  // Names only: the card's words are made where it is drawn (render-mark.ts), in the reader's language.
  const catalogues =
    description.kind !== 'none' && description.catalogue ? [description.catalogue, ...(description.alsoIn ?? [])].map(({ name }) => name) : undefined;
  if (description.kind === 'article') {
    const { article } = description;
    return withoutUndefined<MarkCard>({
      kind: 'article',
      title: article.title,
      provider: article.providerName ?? article.providerDomain,
      publishedDateTime: article.publishedDateTime,
      quality: article.quality,
      band: qualityBand(article.quality).id,
      topics: article.topics.slice(0, MAX_CARD_TOPICS),
      catalogues,
    });
  }
  if (description.kind === 'related') {
    const { story } = description;
    const [first] = story.listedBy;
    return withoutUndefined<MarkCard>({
      kind: 'related',
      title: story.title,
      provider: story.providerName ?? story.providerDomain,
      publishedDateTime: story.publishedDateTime,
      quality: story.quality,
      band: qualityBand(story.quality).id,
      topics: [],
      coverageOf: first ? { title: first.title, count: story.listedBy.length } : undefined,
      catalogues,
    });
  }
  return null;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

/** The text of a mark: the rounded score, or `•` when unscored (as on the toolbar badge). */
export function markText(mark: LinkMark): string {
  return mark.quality === undefined ? '•' : String(mark.quality);
}
