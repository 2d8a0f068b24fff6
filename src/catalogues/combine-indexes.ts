import type { CatalogueIndex, ContentIndex, IndexMeta, PageDescription } from '../index/content-index';
import type { PageAnswer } from '../match/describe-page';

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

  return {
    meta,
    parts,
    async answer(url, links) {
      const answers = await Promise.all(parts.map(({ index }) => index.answer(url, links)));
      const winner = best(answers);
      const answer = answers[winner];
      return answer.kind === 'none' ? answer : { ...answer, part: winner };
    },
    async describe(url, links) {
      const answers = await Promise.all(parts.map(({ index }) => index.answer(url, links)));
      const winner = best(answers);
      const described: PageDescription = await parts[winner].index.describe(url, links);
      if (described.kind === 'none') return described;
      const alsoIn = parts.filter((_, i) => i !== winner && answers[i].kind === described.kind).map(({ catalogue }) => catalogue);
      return { ...described, catalogue: parts[winner].catalogue, alsoIn };
    },
    async answerMany(urls) {
      const all = await Promise.all(parts.map(({ index }) => index.answerMany(urls)));
      return urls.map((_, u) => {
        const answers = all.map((answers) => answers[u]);
        const winner = best(answers);
        const answer = answers[winner];
        return answer.kind === 'none' ? answer : { ...answer, part: winner };
      });
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
