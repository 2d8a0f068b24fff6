import type { SiteProfile } from '../index/site-profile';
import { bandLabel } from '../i18n/band-text';
import { formatNumber, t } from '../i18n/translate';
import { QUALITY_BANDS, type QualityBandId } from '../quality/quality-band';
import { ArticleLinks } from './ArticleLinks';

/**
 * A page on a site Backstory has bundled articles from, that is not itself bundled (a home page, a section, an
 * article Backstory does not have): the site's track record, said plainly to be about the site, not the page.
 */
export function SiteProfileView({ site }: { site: SiteProfile }) {
  const name = site.providerName ?? site.domains[0];
  return (
    <section class="site-profile" aria-labelledby="site-title">
      <p class="answer-kind">
        <span class="chip kind-site">{t('site.kind')}</span>
      </p>
      <h1 id="site-title">{name}</h1>
      <p class="provider-domain">{site.domains.join(' · ')}</p>
      <p class="note">{t('site.note')}</p>
      <dl class="site-facts">
        <div>
          <dt>{t('site.articles')}</dt>
          <dd>{formatNumber(site.articles)}</dd>
        </div>
        <div>
          <dt>{t('site.median')}</dt>
          <dd>{site.qualityMedian === undefined ? t('site.notScored') : formatNumber(Math.round(site.qualityMedian))}</dd>
        </div>
      </dl>
      <h2 id="site-bands-heading">{t('site.bands')}</h2>
      <ul class="site-bands" aria-labelledby="site-bands-heading">
        {(Object.keys(QUALITY_BANDS) as QualityBandId[])
          .filter((id) => site.bands[id] > 0)
          .map((id) => (
            <li key={id} class={`band-${id}`}>
              <span class="band-count">{formatNumber(site.bands[id])}</span> {bandLabel(id)}
            </li>
          ))}
      </ul>
      {site.topTopics.length > 0 && (
        <>
          <h2 id="site-topics-heading">{t('site.topTopics')}</h2>
          <ul class="topics" aria-labelledby="site-topics-heading">
            {site.topTopics.map(({ topic, articles }) => (
              <li key={topic} class="chip topic">
                {topic} <span class="count">({formatNumber(articles)})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <ArticleLinks links={site.newest} heading={t('site.newest')} id="site-newest-heading" />
    </section>
  );
}
