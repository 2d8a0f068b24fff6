import { formatDate, formatRelativeTime } from '../format/format-date';
import type { IndexedArticle } from '../index/indexed-article';
import type { MatchVia } from '../match/match-url';
import { isWebUrl } from '../url/parse-web-url';
import { ArticleLinks } from './ArticleLinks';
import { ProviderMark } from './ProviderMark';
import { QualityMeter } from './QualityMeter';
import { RelatedStories } from './RelatedStories';

/** How the page was found, in the reader's words. */
export const VIA_LABELS: Readonly<Record<MatchVia, string>> = {
  exact: "Matched this page's exact address",
  normalised: "Matched this page's address (tracking parameters, www. or similar set aside)",
  amp: 'Matched the AMP version of this article',
  canonical: "Matched through this page's canonical link",
  'og:url': "Matched through this page's og:url",
};

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
            <time dateTime={article.publishedDateTime} title={new Date(article.publishedDateTime).toLocaleString()}>
              {formatDate(article.publishedDateTime)} ({formatRelativeTime(article.publishedDateTime, now)})
            </time>
          )}
          {article.category && <span class="chip category">{article.category}</span>}
          <span class="chip type">{article.type}</span>
          {article.published === false && <span class="chip unpublished">Unpublished</span>}
          {article.featured && <span class="chip featured">Featured</span>}
        </p>
      </header>

      {loadRemoteImages && isWebUrl(article.imageUrl) && <img class="lead-image" src={article.imageUrl} alt="" referrerpolicy="no-referrer" />}

      <div class="scores">
        <QualityMeter quality={article.quality} />
        {article.heat !== undefined && (
          <section class="heat" aria-label="Heat">
            <span class="heat-number">{article.heat < 0 ? '–' : Math.round(article.heat)}</span>
            <span class="heat-label">Heat</span>
            <p class="heat-meaning">{article.heat < 0 ? 'Not published by the aggregator.' : 'How much attention the story drew.'}</p>
          </section>
        )}
      </div>

      {article.topics.length > 0 && (
        <ul class="topics" aria-label="Topics">
          {article.topics.map((topic) => (
            <li key={topic} class="chip topic">
              {topic}
            </li>
          ))}
        </ul>
      )}

      {article.excerpt && <p class="excerpt">{article.excerpt}</p>}

      <p class="via" data-via={via}>
        {VIA_LABELS[via]}
      </p>

      <ArticleLinks links={article.alsoCoveredBy} heading="Also covered by" id="also-covered-heading" />
      <RelatedStories stories={article.related} heading="Related coverage" id="related-heading" />
    </article>
  );
}
