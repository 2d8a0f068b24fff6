import type { ContentIndex } from '../index/content-index';
import { linkMarkOf, markCardOf } from '../marks/link-mark';
import { isOnMarkSite } from '../marks/mark-site';
import { type MarkCard, type MarksLookupResponse, parseMarksRequest } from '../marks/marks-protocol';
import { isPausedUrl } from '../options/paused-sites';

/** Who sent a message, as the browser reports it (the fields of runtime.MessageSender used here). */
export interface MarksSender {
  id?: string;
  frameId?: number;
  url?: string;
  tab?: { url?: string };
}

export interface MarksMessageDeps {
  /** The sites the reader paused Backstory on: no marks there (optional: none when left out). */
  loadPausedSites?: () => Promise<string[]>;
  loadIndex: () => Promise<ContentIndex>;
  /** The sites with marks on (the stored list, repaired). */
  loadSites: () => Promise<string[]>;
  /** This extension's id. */
  extensionId: string;
}

/**
 * Returns the `runtime.onMessage` listener of link marks. It answers only the marks content script: a message
 * from this extension (`sender.id`), from a tab's top frame, whose page is on a site the reader turned marks on for,
 * with a valid request (see parseMarksRequest). Anything else gets no answer (undefined), so other listeners and
 * other messages are left alone. A lookup answers with the minimum a mark needs (kind, rounded quality, band), one
 * entry per href; a card request with the card's text. Never rejects: a failure is an empty answer.
 */
export function createMarksMessageHandler({ loadIndex, loadSites, loadPausedSites = async () => [], extensionId }: MarksMessageDeps) {
  return (message: unknown, sender: MarksSender): Promise<MarksLookupResponse | MarkCard | null> | undefined => {
    const request = parseMarksRequest(message);
    if (!request || sender.id !== extensionId || sender.frameId !== 0) return undefined;
    const pageUrl = sender.tab?.url ?? sender.url;
    return (async () => {
      try {
        const [sites, paused] = await Promise.all([loadSites(), loadPausedSites()]);
        // Marks only on the reader's sites, and none where the reader paused Backstory.
        if (!sites.some((site) => isOnMarkSite(site, pageUrl)) || isPausedUrl(pageUrl, paused)) return null;
        const index = await loadIndex();
        if (request.type === 'backstory:mark-card') {
          const description = await index.describe(request.href);
          return markCardOf(description);
        }
        return { marks: await lookUpMarks(index, request.hrefs) };
      } catch (error) {
        console.warn('Backstory: could not answer the link marks', error);
        return null;
      }
    })();
  };
}

/** The mark of each href, in order: describePage's answer (one round of key buckets for all) and the quality table. */
export async function lookUpMarks(index: ContentIndex, hrefs: readonly string[]): Promise<MarksLookupResponse['marks']> {
  const answers = await index.answerMany(hrefs);
  const marks: MarksLookupResponse['marks'] = [];
  for (const answer of answers) {
    marks.push(answer.kind === 'article' || answer.kind === 'related' ? linkMarkOf(answer, await index.qualityOf(answer.kind, answer.id, answer.part)) : null);
  }
  return marks;
}

/**
 * A `runtime.onMessage` listener from a handler that returns a promise or undefined: answers through
 * `sendResponse` and returns true only for messages it handles, the form both Chromium and Firefox accept.
 */
export function asMessageListener<S>(handler: (message: unknown, sender: S) => Promise<unknown> | undefined) {
  return (message: unknown, sender: S, sendResponse: (response: unknown) => void): true | undefined => {
    const answer = handler(message, sender);
    if (!answer) return undefined;
    void answer.then(sendResponse, () => sendResponse(null));
    return true;
  };
}
