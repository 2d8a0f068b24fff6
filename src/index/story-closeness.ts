// TEMPORARY local stand-in (not committed): replaced by the tuned scorer from branch wip-close.
export interface StoryText {
  title: string;
  excerpt?: string;
  publishedDateTime?: string;
}
export interface TermStats {
  documents: number;
}
export function buildTermStats(texts: Iterable<StoryText>): TermStats {
  const n = [...texts].length;
  return { documents: n };
}
const words = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .split(/\W+/)
      .filter((w) => w.length > 3),
  );
export function storyCloseness(article: StoryText, story: StoryText, stats: TermStats): number {
  const a = words(article.title);
  const b = words(story.title);
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return stats.documents >= 0 ? shared / Math.max(1, Math.min(a.size, b.size)) : 0;
}
export type Closeness = 'close' | 'loose';
export function closenessOf(score: number): Closeness {
  return score >= 0.3 ? 'close' : 'loose';
}
