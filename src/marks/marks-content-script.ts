import { isOnMarkSite } from './mark-site';
import { type LinkMark, MARK_CARD, type MarkCard, MARKS_LOOKUP, MAX_HREFS_PER_BATCH } from './marks-protocol';
import { startPageMarks } from './page-marks';
import type { QualityBandId } from '../quality/quality-band';
import { QUALITY_BANDS } from '../quality/quality-band';

export interface MarksContentScriptDeps {
  document: Document;
  /** runtime.sendMessage of the extension. */
  sendMessage: (message: unknown) => Promise<unknown>;
  /** Calls back with the sites with marks on whenever they change; returns the function that stops watching. */
  watchSites: (onChange: (sites: string[]) => void) => () => void;
  /** The page's address now (it changes with single-page navigation). */
  pageUrl: () => string;
  /** Per-isolated-world flag, so that a second injection into the same page does nothing. */
  global: Record<string, unknown>;
  onDrawn?: (stats: { marks: number }) => void;
}

const RUNNING = 'backstory:marks-running';

/**
 * The marks content script's work: marks the page's links (page-marks.ts) with what the background answers, and
 * removes them all when the site's marks are turned off or its access removed, or the extension goes away. What it
 * sends is hrefs only; what it gets back is shown only inside the marks' closed shadow roots.
 */
export function runMarksContentScript({ document, sendMessage, watchSites, pageUrl, global, onDrawn }: MarksContentScriptDeps): void {
  if (global[RUNNING]) return;
  global[RUNNING] = true;
  let unwatch = () => {};
  const marks = startPageMarks({
    document,
    lookUp: async (hrefs) => {
      const response = await sendMessage({ type: MARKS_LOOKUP, hrefs });
      return parseLookupResponse(response, hrefs.length);
    },
    loadCard: async (href) => parseCard(await sendMessage({ type: MARK_CARD, href })),
    onStopped: () => unwatch(),
    onDrawn,
  });
  unwatch = watchSites((sites) => {
    if (!sites.some((site) => isOnMarkSite(site, pageUrl()))) {
      marks.stop();
      unwatch();
      global[RUNNING] = false;
    }
  });
}

const BAND_IDS = new Set(Object.keys(QUALITY_BANDS));

/** The marks of a lookup answer, checked (the background is ours, but a missing answer must not break the page). */
function parseLookupResponse(response: unknown, count: number): (LinkMark | null)[] {
  const marks = (response as { marks?: unknown } | null)?.marks;
  if (!Array.isArray(marks) || marks.length !== count || count > MAX_HREFS_PER_BATCH) {
    if (response === null) return Array.from({ length: count }, () => null);
    throw new Error('Backstory: no answer for the link marks');
  }
  return marks.map((mark) => {
    if (typeof mark !== 'object' || mark === null) return null;
    const { kind, quality, band } = mark as Record<string, unknown>;
    if ((kind !== 'article' && kind !== 'related') || typeof band !== 'string' || !BAND_IDS.has(band)) return null;
    return { kind, band: band as QualityBandId, ...(typeof quality === 'number' && Number.isFinite(quality) ? { quality } : {}) };
  });
}

function parseCard(response: unknown): MarkCard | null {
  if (typeof response !== 'object' || response === null) return null;
  const card = response as MarkCard;
  return typeof card.title === 'string' && Array.isArray(card.topics) && BAND_IDS.has(card.band) ? card : null;
}
