import { collectLinks, type LinkRoot, markableHref } from './collect-links';
import { createHrefLookup } from './href-lookup';
import type { LinkMark, MarkCard } from './marks-protocol';
import { createMarkElement, type MarkElement } from './render-mark';

export interface PageMarksDeps {
  document: Document;
  /** Asks the background for the marks of a batch of hrefs. */
  lookUp: (hrefs: string[]) => Promise<(LinkMark | null)[]>;
  /** Asks the background for the card of one href. */
  loadCard: (href: string) => Promise<MarkCard | null>;
  /** Called once when the marks stop by themselves (the extension went away). */
  onStopped?: () => void;
  /** Called after each pass that drew or removed marks (the benchmark and tests watch it). */
  onDrawn?: (stats: { marks: number }) => void;
  /** Work is done in slices of at most this many ms, so the page never sees a long task from us. */
  sliceMs?: number;
}

/** A page that deletes a mark more often than this gets no more of it (it clearly does not want it). */
const MAX_REDRAWS_PER_LINK = 3;

interface Drawn {
  href: string;
  mark: LinkMark;
  element: MarkElement;
  redraws: number;
}

/**
 * Marks the links of a page and keeps the marks in step with it: links added later (infinite scroll, single-page
 * navigation), links whose href changes, links moved, marks the page deletes. Changes are seen by MutationObservers
 * (on the document and on every open shadow root), collected per batch of records and worked off in short slices.
 * Returns `stop()`, which disconnects everything and removes every mark.
 */
export function startPageMarks({ document: doc, lookUp, loadCard, onStopped, onDrawn, sliceMs = 8 }: PageMarksDeps): { stop: () => void } {
  const drawn = new Map<HTMLAnchorElement, Drawn>();
  const ownerOf = new WeakMap<Element, HTMLAnchorElement>();
  const waiting = new Map<string, Set<HTMLAnchorElement>>();
  const cards = new Map<string, Promise<MarkCard | null>>();
  const observed = new WeakSet<Node>();
  const pending = new Set<HTMLAnchorElement>();
  let stopped = false;
  let working = false;

  const lookup = createHrefLookup<LinkMark>({
    send: lookUp,
    onAnswers: (hrefs) => {
      for (const href of hrefs) {
        for (const link of waiting.get(href) ?? []) pending.add(link);
        waiting.delete(href);
      }
      work();
    },
    onFailure: () => {
      stop();
      onStopped?.();
    },
  });

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') {
        if (record.target instanceof Element && record.target.localName === 'a') pending.add(record.target as HTMLAnchorElement);
        continue;
      }
      for (const node of record.removedNodes) {
        if (!(node instanceof Element)) continue;
        const owner = ownerOf.get(node);
        if (owner) pending.add(owner);
        else if (drawn.size > 0) for (const link of collectLinks(node).links) if (drawn.has(link)) pending.add(link);
      }
      for (const node of record.addedNodes) {
        if (!(node instanceof Element) || ownerOf.has(node)) continue;
        scan(node);
      }
    }
    work();
  });

  const watch = (root: Node) => {
    if (observed.has(root)) return;
    observed.add(root);
    observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['href'] });
  };

  const scan = (root: LinkRoot) => {
    const { links, shadowRoots } = collectLinks(root);
    for (const link of links) pending.add(link);
    for (const shadowRoot of shadowRoots) watch(shadowRoot);
  };

  const remove = (link: HTMLAnchorElement) => {
    const entry = drawn.get(link);
    if (!entry) return;
    drawn.delete(link);
    entry.element.host.remove();
  };

  /** Brings one link's mark in step with its current href and place. */
  const update = (link: HTMLAnchorElement) => {
    const href = link.isConnected ? markableHref(link) : null;
    const entry = drawn.get(link);
    if (href === null) return remove(link);
    const mark = lookup.get(href);
    if (mark === undefined) {
      if (entry && entry.href !== href) remove(link);
      let links = waiting.get(href);
      if (!links) waiting.set(href, (links = new Set()));
      links.add(link);
      lookup.want(href);
      return;
    }
    if (mark === null) return remove(link);
    if (entry && entry.href === href) {
      if (link.nextSibling === entry.element.host) return;
      if (!entry.element.host.isConnected) {
        if (entry.redraws >= MAX_REDRAWS_PER_LINK) return;
        entry.redraws++;
      }
      link.after(entry.element.host);
      return;
    }
    remove(link);
    const element = createMarkElement(doc, mark, () => {
      let card = cards.get(href);
      if (!card) cards.set(href, (card = loadCard(href).catch(() => null)));
      return card;
    });
    ownerOf.set(element.host, link);
    drawn.set(link, { href, mark, element, redraws: 0 });
    link.after(element.host);
  };

  /** Works off the pending links in slices of `sliceMs`, yielding to the page between slices. */
  const work = () => {
    if (working || stopped) return;
    working = true;
    const slice = () => {
      if (stopped) return;
      const deadline = performance.now() + sliceMs;
      let changed = false;
      for (const link of pending) {
        pending.delete(link);
        update(link);
        changed = true;
        if (performance.now() > deadline) break;
      }
      if (pending.size > 0) {
        setTimeout(slice, 0);
        return;
      }
      working = false;
      if (changed) onDrawn?.({ marks: drawn.size });
    };
    slice();
  };

  const stop = () => {
    if (stopped) return;
    stopped = true;
    observer.disconnect();
    for (const link of [...drawn.keys()]) remove(link);
    pending.clear();
    waiting.clear();
  };

  watch(doc);
  scan(doc);
  work();
  return { stop };
}
