import type { SiteProfile } from '../index/site-profile';
import { QUALITY_BANDS, type QualityBandId } from '../quality/quality-band';
import { ArticleLinks } from './ArticleLinks';

/** Bands from best to worst, as the profile lists them. */
const BAND_ORDER: QualityBandId[] = ['exceptional', 'high', 'fair', 'low', 'unscored'];

/**
 * A page on a site Backstory has bundled articles from, that is not itself bundled (a home page, a section, an
 * article Backstory does not have): the site's track record, said plainly to be about the site, not the page.
 */
export function SiteProfileView({ site }: { site: SiteProfile }) {
  const name = site.providerName ?? site.domains[0];
  return (
    <section class="site-profile" aria-labelledby="site-title">
      <p class="answer-kind">
        <span class="chip kind-site">Site profile</span>
      </p>
      <h1 id="site-title">{name}</h1>
      <p class="provider-domain">{site.domains.join(' · ')}</p>
      <p class="note">This page itself is not in Backstory. Here is what Backstory knows about the site.</p>
      <dl class="site-facts">
        <div>
          <dt>Articles in Backstory</dt>
          <dd>{site.articles.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Median quality</dt>
          <dd>{site.qualityMedian === undefined ? 'not scored' : Math.round(site.qualityMedian)}</dd>
        </div>
      </dl>
      <h2 id="site-bands-heading">Quality of its articles</h2>
      <ul class="site-bands" aria-labelledby="site-bands-heading">
        {BAND_ORDER.filter((id) => site.bands[id] > 0).map((id) => (
          <li key={id} class={`band-${id}`}>
            <span class="band-count">{site.bands[id]}</span> {QUALITY_BANDS[id].label}
          </li>
        ))}
      </ul>
      {site.topTopics.length > 0 && (
        <>
          <h2 id="site-topics-heading">Top topics</h2>
          <ul class="topics" aria-labelledby="site-topics-heading">
            {site.topTopics.map(({ topic, articles }) => (
              <li key={topic} class="chip topic">
                {topic} <span class="count">({articles})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <ArticleLinks links={site.newest} heading="Newest articles" id="site-newest-heading" />
    </section>
  );
}
