/** The reader's options, as stored under `local:options`. */
export interface Options {
  /** Show the quality badge on the toolbar icon for bundled articles. */
  showBadge: boolean;
  /** Only show the badge for articles whose quality is at least this (0 shows every article, scored or not). */
  minQuality: number;
  /** Load provider logos and article images from the web. Off by default: nothing leaves the browser. */
  loadRemoteImages: boolean;
  /**
   * Keep the articles up to date from the build's update source (issue 10). Off by default; only builds with an
   * update source show it, and only they can act on it.
   */
  keepUpToDate: boolean;
}

export const DEFAULT_OPTIONS: Readonly<Options> = { showBadge: true, minQuality: 0, loadRemoteImages: false, keepUpToDate: false };

/** Highest minimum quality the options page offers; real scores reach about 190. */
export const MAX_MIN_QUALITY = 200;

/**
 * Reads stored options, whatever storage holds: missing, half-written or wrong-typed values fall back to their
 * defaults, one field at a time. Pure; never throws.
 */
export function parseOptions(stored: unknown): Options {
  const raw = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<string, unknown>;
  const minQuality = typeof raw.minQuality === 'number' && Number.isFinite(raw.minQuality) ? raw.minQuality : DEFAULT_OPTIONS.minQuality;
  return {
    showBadge: typeof raw.showBadge === 'boolean' ? raw.showBadge : DEFAULT_OPTIONS.showBadge,
    minQuality: Math.round(Math.min(MAX_MIN_QUALITY, Math.max(0, minQuality))),
    loadRemoteImages: typeof raw.loadRemoteImages === 'boolean' ? raw.loadRemoteImages : DEFAULT_OPTIONS.loadRemoteImages,
    keepUpToDate: typeof raw.keepUpToDate === 'boolean' ? raw.keepUpToDate : DEFAULT_OPTIONS.keepUpToDate,
  };
}
