import { dateText, relativeTimeText, t } from '../i18n/translate';
import type { IndexedArticle } from '../index/indexed-article';
import type { MatchVia } from '../match/match-url';
import { isWebUrl } from '../url/parse-web-url';
import { ArticleLinks } from './ArticleLinks';
import { ProviderMark } from './ProviderMark';
import { QualityMeter } from './QualityMeter';
import { RelatedStories } from './RelatedStories';

/** How the page was found, in the reader's words. */
export function viaLabel(via: MatchVia): string {
  return via === 'og:url' ? t('via.ogUrl') : t(`via.${via}`);
}

interface ArticleViewProps {
  article: IndexedArticle;
  via: MatchVia;
  now: Date;
  loadRemoteImages: boolean;
}

/** The backstory of one article: everything the popup shows for a matched tab. All text is rendered as text. */
export function ArticleView({ article, via, now, loadRemoteImages }: ArticleViewProps) {
  const provider = article.providerName ?? article.providerDomain;
  return (
    <article class="article" aria-labelledby="article-title">
      <header class="article-header">
        {provider && (
          <div class="provider">
            <ProviderMark name={provider} domain={article.providerDomain} logoUrl={article.providerLogoUrl} loadRemoteImages={loadRemoteImages} />
            <div>
              <div class="provider-name">{provider}</div>
              {article.providerDomain && <div class="provider-domain">{article.providerDomain}</div>}
            </div>
          </div>
        )}
        <h1 id="article-title">{article.title}</h1>
        <p class="article-meta">
          {article.publishedDateTime && (
            <time dateTime={article.publishedDateTime}>
              {dateText(article.publishedDateTime)} ({relativeTimeText(article.publishedDateTime, now)})
            </time>
          )}
          {article.category && <span class="chip category">{article.category}</span>}
          <span class="chip type">{article.type}</span>
          {article.published === false && <span class="chip unpublished">{t('article.unpublished')}</span>}
          {article.featured && <span class="chip featured">{t('article.featured')}</span>}
        </p>
      </header>

      {loadRemoteImages && isWebUrl(article.imageUrl) && <img class="lead-image" src={article.imageUrl} alt="" referrerpolicy="no-referrer" />}

      <div class="scores">
        <QualityMeter quality={article.quality} />
        {article.heat !== undefined && (
          <section class="heat" aria-label={t('article.heat')}>
            <span class="heat-number">{article.heat < 0 ? '–' : Math.round(article.heat)}</span>
            <span class="heat-label">{t('article.heat')}</span>
            <p class="heat-meaning">{article.heat < 0 ? t('article.heatNotPublished') : t('article.heatMeaning')}</p>
          </section>
        )}
      </div>
      <AboutScores />

      {article.topics.length > 0 && (
        <ul class="topics" aria-label={t('article.topics')}>
          {article.topics.map((topic) => (
            <li key={topic} class="chip topic">
              {topic}
            </li>
          ))}
        </ul>
      )}

      {article.excerpt && <p class="excerpt">{article.excerpt}</p>}

      <p class="via" data-via={via}>
        {viaLabel(via)}
      </p>

      <ArticleLinks links={article.alsoCoveredBy} heading={t('article.alsoCoveredBy')} id="also-covered-heading" />
      <RelatedStories stories={article.related} heading={t('article.relatedCoverage')} id="related-heading" />
    </article>
  );
}

/** Where the scores come from and what their scales are, for the reader who wants to know (a disclosure). */
export function AboutScores() {
  return (
    <details class="about-scores">
      <summary>{t('article.aboutScores')}</summary>
      <p>{t('article.aboutScoresText')}</p>
    </details>
  );
}
