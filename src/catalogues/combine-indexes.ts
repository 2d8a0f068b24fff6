import type { CatalogueIndex, ContentIndex, IndexMeta, PageDescription } from '../index/content-index';
import { describePageKeys, type PageAnswer } from '../match/describe-page';
import type { PageLinks } from '../match/match-page-links';
import { type UrlKeys, withUrlKeysCache } from '../url/normalize-url';

/** Which kind of answer wins when catalogues disagree: the order describePage gives them for one index. */
const PRECEDENCE: Record<PageAnswer['kind'], number> = { article: 0, related: 1, site: 2, none: 3 };

/**
 * One index over several catalogues (issue 22), in order of precedence: the bundled index first, then the reader's
 * catalogues in the order they were added. Every surface reads it as it reads one index. For a URL, each catalogue
 * gives describePage's answer (a few hash lookups each: only key tables are read); the strongest kind wins (an
 * article over related coverage over a site), and among equals the first catalogue; the answer then names its
 * catalogue and the other catalogues that have the page as the same kind. Only the winning catalogue's shard is
 * read. With one catalogue, that catalogue's own index is returned as it is.
 */
export function combineIndexes(parts: readonly CatalogueIndex[]): ContentIndex {
  if (parts.length === 0) throw new Error('combineIndexes: no catalogue');
  if (parts.length === 1) return parts[0].index;
  const at = (part = 0) => (parts[part] ?? parts[0]).index;
  const best = (answers: PageAnswer[]) => answers.reduce((winner, answer, i) => (PRECEDENCE[answer.kind] < PRECEDENCE[answers[winner].kind] ? i : winner), 0);
  const metas = parts.map(({ index }) => index.meta);
  const sum = (field: 'articles' | 'stories' | 'sites' | 'keys') => metas.reduce((total, meta) => total + meta[field], 0);
  const newest = metas.map((meta) => meta.newestPublished).reduce<string | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null);
  // Counts and the data date over all catalogues (what the popup's footer and "no match" show); the layout fields are
  // the first catalogue's and mean nothing here: every file is read through the catalogue's own index.
  const meta: IndexMeta = { ...metas[0], articles: sum('articles'), stories: sum('stories'), sites: sum('sites'), keys: sum('keys'), newestPublished: newest };

  /**
   * Every catalogue's answer for each URL: the keys are worked out once (not once per catalogue), the key buckets of
   * all catalogues read in one round, then each catalogue's lookup is a few hash lookups, synchronously.
   */
  const answersFor = async (urls: readonly unknown[], links?: PageLinks | null): Promise<PageAnswer[][]> => {
    const cache = new Map<string, UrlKeys | null>();
    const keys = withUrlKeysCache(cache, () => urls.flatMap((url) => describePageKeys(url, links)));
    await Promise.all(parts.map(({ index }) => index.loadKeys(keys)));
    return withUrlKeysCache(cache, () => urls.map((url) => parts.map(({ index }) => index.answerLoaded(url, links))));
  };
  const winnerOf = (answers: PageAnswer[]): PageAnswer => {
    const winner = best(answers);
    const answer = answers[winner];
    return answer.kind === 'none' ? answer : { ...answer, part: winner };
  };

  return {
    meta,
    parts,
    async answer(url, links) {
      return winnerOf((await answersFor([url], links))[0]);
    },
    loadKeys: async (keys) => {
      await Promise.all(parts.map(({ index }) => index.loadKeys(keys)));
    },
    answerLoaded: (url, links) => winnerOf(parts.map(({ index }) => index.answerLoaded(url, links))),
    async describe(url, links) {
      const [answers] = await answersFor([url], links);
      const winner = best(answers);
      const described: PageDescription = await parts[winner].index.describeAnswer(answers[winner], url);
      if (described.kind === 'none') return described;
      const alsoIn = parts.filter((_, i) => i !== winner && answers[i].kind === described.kind).map(({ catalogue }) => catalogue);
      return { ...described, catalogue: parts[winner].catalogue, alsoIn };
    },
    describeAnswer: (answer, url) => at(answer.kind === 'none' ? 0 : answer.part).describeAnswer(answer, url),
    async answerMany(urls) {
      return (await answersFor(urls)).map(winnerOf);
    },
    qualityOf: (kind, id, part) => at(part).qualityOf(kind, id),
    async match(url) {
      for (const { index } of parts) {
        const found = await index.match(url);
        if (found) return found;
      }
      return null;
    },
    getArticle: (id, part) => at(part).getArticle(id),
    getStory: (id, part) => at(part).getStory(id),
    getSite: (id, part) => at(part).getSite(id),
    readFile: (name) => at(0).readFile(name),
  };
}
