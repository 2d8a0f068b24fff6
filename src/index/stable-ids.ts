import type { IndexedStory } from './indexed-article';
import type { KeyTarget } from './key-table';
import type { KeptTermStats } from './pack-term-stats';
import type { SiteProfile } from './site-profile';

/**
 * Who holds which id in a published index (issue 10): article content files, related stories (by their smallest URL
 * key) and sites (by their first domain in name order), each list in id order; and the key-table split. A content
 * pack keeps it next to its manifest so that the next publication gives every surviving item the same id, and
 * only the shards and key buckets around what changed change.
 */
export interface IndexIds {
  /** Article content files by id; null for an id no article holds (see {@link stableSlots}). */
  articles: (string | null)[];
  stories: string[];
  sites: string[];
  keyBucketBits: number;
  /** The term stats closeness was scored with, so that the next publication scores with the same (pack-term-stats.ts). */
  termStats?: KeptTermStats;
}

/**
 * The ids of `items`, kept from the previous publication (`previous`: who held each id, null for an unused one):
 * survivors keep theirs, new items (in the order given) take the ids removed items left and then go at the end.
 * An id nothing takes stays unused (null), so a removal moves no other item; unused ids at the end are dropped.
 * Without `previous`, the order given. Articles: an article id is named by its shard, search segment, quality
 * file, key targets and the related lists of other articles, so moving one article would change all of those.
 */
export function stableSlots<T>(items: readonly T[], identity: (item: T) => string, previous: readonly (string | null)[] | undefined): (T | null)[] {
  if (!previous) return [...items];
  const byIdentity = new Map(items.map((item) => [identity(item), item]));
  const slots: (T | null)[] = previous.map((id) => (id === null ? null : (byIdentity.get(id) ?? null)));
  const placed = new Set(previous.filter((id) => id !== null && byIdentity.has(id)));
  const fresh = items.filter((item) => !placed.has(identity(item)));
  let next = 0;
  for (let slot = 0; slot < slots.length && next < fresh.length; slot++) if (slots[slot] === null) slots[slot] = fresh[next++];
  slots.push(...fresh.slice(next));
  while (slots.length > 0 && slots[slots.length - 1] === null) slots.pop();
  return slots;
}

/**
 * {@link stableSlots} with no unused ids: each is filled by moving the last item into it, so ids stay dense
 * (0 … n−1) and one removal moves at most one other item. Stories and sites, whose ids only key targets name.
 */
export function stableOrder<T>(items: readonly T[], identity: (item: T) => string, previous: readonly (string | null)[] | undefined): T[] {
  const slots = stableSlots(items, identity, previous);
  // The last slot always holds an item: stableSlots drops unused ids at the end, and so does each move below.
  for (let slot = 0; slot < slots.length; slot++) {
    if (slots[slot] !== null) continue;
    slots[slot] = slots.pop()!;
    while (slots.length > 0 && slots[slots.length - 1] === null) slots.pop();
  }
  return slots as T[];
}

/**
 * Renumbers stories and sites to keep their previous ids (see {@link stableOrder}), rewriting the key targets that
 * point at them. Story and site ids appear nowhere else in the index. Returns the renumbered lists and their ids.
 */
export function renumberStoriesAndSites(
  stories: readonly IndexedStory[],
  sites: readonly SiteProfile[],
  keyTargets: Map<string, KeyTarget>,
  previous: IndexIds | null,
): { stories: IndexedStory[]; sites: SiteProfile[]; storyIds: string[]; siteIds: string[] } {
  const storyKey = new Array<string | undefined>(stories.length);
  for (const [key, target] of keyTargets) {
    if (target.kind === 'related' && (storyKey[target.id] === undefined || key < storyKey[target.id]!)) storyKey[target.id] = key;
  }
  const storyIdentity = uniqueIdentities(stories.map((story, id) => storyKey[id] ?? `story:${story.url ?? ''}\n${story.title}`));
  const siteIdentity = uniqueIdentities(sites.map((site) => [...site.domains].sort()[0]));

  const storyOrder = stableOrder(
    stories.map((_, id) => id),
    (id) => storyIdentity[id],
    previous?.stories,
  );
  const siteOrder = stableOrder(
    sites.map((_, id) => id),
    (id) => siteIdentity[id],
    previous?.sites,
  );
  const newStoryId = inverse(storyOrder);
  const newSiteId = inverse(siteOrder);
  for (const [key, target] of keyTargets) {
    if (target.kind === 'related') keyTargets.set(key, { ...target, id: newStoryId[target.id] });
    else if (target.kind === 'site') keyTargets.set(key, { ...target, id: newSiteId[target.id] });
  }
  return {
    stories: storyOrder.map((id) => stories[id]),
    sites: siteOrder.map((id) => sites[id]),
    storyIds: storyOrder.map((id) => storyIdentity[id]),
    siteIds: siteOrder.map((id) => siteIdentity[id]),
  };
}

/** Keeps the key-table split of the previous publication while the ideal one is at most one step away from it. */
export function stableBucketBits(ideal: number, previous: IndexIds | null): number {
  return previous && Math.abs(previous.keyBucketBits - ideal) <= 1 ? previous.keyBucketBits : ideal;
}

function inverse(order: readonly number[]): number[] {
  const result = new Array<number>(order.length);
  order.forEach((oldId, newId) => (result[oldId] = newId));
  return result;
}

function uniqueIdentities(identities: string[]): string[] {
  const seen = new Map<string, number>();
  return identities.map((identity) => {
    const count = seen.get(identity) ?? 0;
    seen.set(identity, count + 1);
    return count === 0 ? identity : `${identity}\n#${count}`;
  });
}
