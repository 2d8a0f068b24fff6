import { dateText, formatNumber, relativeTimeText, t } from '../i18n/translate';
import type { IndexedRelatedStory, IndexedStory } from '../index/indexed-article';
import type { MatchVia } from '../match/match-url';
import { ArticleLinks } from './ArticleLinks';
import { AboutScores, viaLabel } from './ArticleView';
import { QualityMeter } from './QualityMeter';
import { RelatedStories } from './RelatedStories';

interface RelatedCoverageViewProps {
  story: IndexedStory;
  coverage: IndexedRelatedStory[];
  via: MatchVia;
  now: Date;
}

/**
 * A page that is not a bundled article but a related story of one or more: the story as the related entry gives
 * it (clearly labelled as such), the bundled articles that list it, and the rest of that story's coverage.
 */
export function RelatedCoverageView({ story, coverage, via, now }: RelatedCoverageViewProps) {
  const provider = story.providerName ?? story.providerDomain;
  const sources = story.listedBy.length;
  return (
    <article class="article related-coverage" aria-labelledby="article-title">
      <header class="article-header">
        <p class="answer-kind">
          <span class="chip kind-related">{t('related.kind')}</span> {sources === 1 ? t('related.ofOne') : t('related.ofMany', [formatNumber(sources)])}
        </p>
        <h1 id="article-title">{story.title}</h1>
        <p class="article-meta">
          {provider && <span class="provider-name">{provider}</span>}
          {story.publishedDateTime && (
            <time dateTime={story.publishedDateTime}>
              {dateText(story.publishedDateTime)} ({relativeTimeText(story.publishedDateTime, now)})
            </time>
          )}
          {story.type && story.type !== 'article' && <span class="chip type">{story.type}</span>}
        </p>
        <p class="note">{t('related.note')}</p>
      </header>
      <div class="scores">
        <QualityMeter quality={story.quality} />
      </div>
      <AboutScores />
      <p class="via" data-via={via}>
        {viaLabel(via)}
      </p>
      <ArticleLinks links={story.listedBy} heading={sources === 1 ? t('related.listedByOne') : t('related.listedByMany')} id="listed-by-heading" />
      <RelatedStories stories={coverage} heading={t('related.moreCoverage')} id="related-heading" />
    </article>
  );
}
