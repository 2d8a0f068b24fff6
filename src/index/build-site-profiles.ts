import { getDomain, getDomainWithoutSuffix } from 'tldts';
import { QUALITY_BANDS, type QualityBandId, qualityBand } from '../quality/quality-band';
import { parseWebUrl } from '../url/parse-web-url';
import { siteKey } from '../match/site-keys';
import { type IndexedArticle, toArticleLink } from './indexed-article';
import type { KeyTarget } from './key-table';
import { SITE_NEWEST_ARTICLES, SITE_TOP_TOPICS, type SiteProfile } from './site-profile';

/**
 * The registrable domain of a URL or host name by the Public Suffix List (tldts, private suffixes included, so
 * `a.github.io` and `b.github.io` are two sites): `https://news.bbc.co.uk/x` → `bbc.co.uk`. Null for IP
 * addresses, bare public suffixes and anything that is not a host. Build time only: the extension never ships
 * the list (see site-keys.ts).
 */
function registrableDomain(urlOrHost: string | undefined): string | null {
  if (!urlOrHost) return null;
  const host = parseWebUrl(urlOrHost)?.hostname ?? parseWebUrl(`https://${urlOrHost.trim()}`)?.hostname;
  return host ? getDomain(host, { allowPrivateDomains: true }) : null;
}

/** {@link registrableDomain} for one build: a provider's domain is written in every article of its site, and read twice. */
function memoizedRegistrableDomain(): typeof registrableDomain {
  const cache = new Map<string, string | null>();
  return (urlOrHost) => {
    if (!urlOrHost) return null;
    let domain = cache.get(urlOrHost);
    if (domain === undefined) {
      domain = registrableDomain(urlOrHost);
      cache.set(urlOrHost, domain);
    }
    return domain;
  };
}

/**
 * Groups the bundled articles (`articles[id]`, null for an unused id) into sites by the registrable domain of their
 * address, and adds a `site:` key per domain to `keyTargets`. A provider's `domain` field joins its articles' site only when it
 * names the same organisation under another suffix (`bbc.com` for articles on `bbc.co.uk`): an aggregator's
 * mislabelled provider (articles on `reuters.com` credited to `foxbusiness.com`) never merges two sites.
 */
export function buildSiteProfiles(articles: readonly (IndexedArticle | null)[], keyTargets: Map<string, KeyTarget>): SiteProfile[] {
  const domainOf = memoizedRegistrableDomain();
  // Union-find over domains: each article's domain is a site; a provider alias joins two of them.
  const parent = new Map<string, string>();
  const root = (domain: string): string => {
    const up = parent.get(domain)!;
    return up === domain ? domain : root(up);
  };
  const members = new Map<string, number[]>();
  articles.forEach((article, articleId) => {
    if (!article) return;
    const domain = registrableDomain(article.webUrl ?? article.originalUrl);
    if (!domain) return;
    if (!parent.has(domain)) parent.set(domain, domain);
    const ids = members.get(domain);
    if (ids) ids.push(articleId);
    else members.set(domain, [articleId]);
    const alias = domainOf(article.providerDomain);
    if (alias && alias !== domain && sameOrganisation(domain, alias)) {
      if (!parent.has(alias)) parent.set(alias, alias);
      const [a, b] = [root(domain), root(alias)].sort();
      parent.set(b, a);
    }
  });
  const sites = new Map<string, string[]>();
  for (const domain of [...parent.keys()].sort()) {
    const site = sites.get(root(domain));
    if (site) site.push(domain);
    else sites.set(root(domain), [domain]);
  }

  return [...sites.values()]
    .map((domains) => {
      const count = (domain: string) => members.get(domain)?.length ?? 0;
      const ordered = [...domains].sort((a, b) => count(b) - count(a) || (a < b ? -1 : 1));
      const ids = domains.flatMap((domain) => members.get(domain) ?? []).sort((a, b) => a - b);
      return profileOf(
        ordered,
        ids.map((id) => [id, articles[id]!] as const),
        domainOf,
      );
    })
    .sort((a, b) => (a.domains[0] < b.domains[0] ? -1 : 1))
    .map((profile, siteId) => {
      for (const domain of profile.domains) keyTargets.set(siteKey(domain), { kind: 'site', id: siteId, isAmp: false });
      return profile;
    });
}

/** `bbc.co.uk` and `bbc.com`: the same name under two public suffixes. */
function sameOrganisation(a: string, b: string): boolean {
  const nameA = getDomainWithoutSuffix(a, { allowPrivateDomains: true });
  return nameA !== null && nameA === getDomainWithoutSuffix(b, { allowPrivateDomains: true });
}

function profileOf(domains: string[], articles: readonly (readonly [number, IndexedArticle])[], domainOf: typeof registrableDomain): SiteProfile {
  const scores = articles.map(([, article]) => article.quality).filter((quality): quality is number => quality !== undefined);
  const bands = Object.fromEntries(Object.keys(QUALITY_BANDS).map((id) => [id, 0])) as Record<QualityBandId, number>;
  for (const [, article] of articles) bands[qualityBand(article.quality).id]++;
  const newest = [...articles]
    .sort(([idA, a], [idB, b]) => compareText(b.publishedDateTime ?? '', a.publishedDateTime ?? '') || idA - idB)
    .slice(0, SITE_NEWEST_ARTICLES)
    .map(([id, article]) => toArticleLink(article, id));
  const profile: SiteProfile = {
    domains,
    // A provider name counts only where its domain is the site's own (or not given): an article on aclu.org
    // credited to Futurism does not make aclu.org "Futurism".
    providerName: mostFrequent(
      articles.map(([, article]) => {
        const providerDomain = domainOf(article.providerDomain);
        return !providerDomain || domains.includes(providerDomain) ? article.providerName : undefined;
      }),
    ),
    articles: articles.length,
    qualityMedian: median(scores),
    bands,
    topTopics: topTopics(articles.map(([, article]) => article)),
    newest,
  };
  if (profile.providerName === undefined) delete profile.providerName;
  if (profile.qualityMedian === undefined) delete profile.qualityMedian;
  return profile;
}

function topTopics(articles: readonly IndexedArticle[]): SiteProfile['topTopics'] {
  const counts = new Map<string, number>();
  for (const article of articles) for (const topic of article.topics) counts.set(topic, (counts.get(topic) ?? 0) + 1);
  return [...counts]
    .sort(([topicA, a], [topicB, b]) => b - a || topicA.localeCompare(topicB))
    .slice(0, SITE_TOP_TOPICS)
    .map(([topic, count]) => ({ topic, articles: count }));
}

function mostFrequent(values: readonly (string | undefined)[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | undefined;
  for (const [value, count] of counts) if (best === undefined || count > counts.get(best)!) best = value;
  return best;
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
