/**
 * The aggregator's quality score is open-ended: most articles score 0–100, a few reach ~190. Bands turn the
 * number into something a reader can judge at a glance; the number itself is always shown too.
 */
export type QualityBandId = 'low' | 'fair' | 'high' | 'exceptional' | 'unscored';

export interface QualityBand {
  id: QualityBandId;
  /** Badge background: white text on it keeps a contrast ratio of at least 4.5:1, on light and dark toolbars. */
  badgeColor: string;
}

/** The bands, best first. Their names and meanings, in the reader's language, are in src/i18n/band-text.ts. */
export const QUALITY_BANDS: Readonly<Record<QualityBandId, QualityBand>> = {
  exceptional: { id: 'exceptional', badgeColor: '#6d28d9' },
  high: { id: 'high', badgeColor: '#15803d' },
  fair: { id: 'fair', badgeColor: '#a16207' },
  low: { id: 'low', badgeColor: '#b91c1c' },
  unscored: { id: 'unscored', badgeColor: '#4b5563' },
};

/** The band of a quality score; `unscored` when there is none. */
export function qualityBand(quality: number | undefined): QualityBand {
  if (quality === undefined || !Number.isFinite(quality)) return QUALITY_BANDS.unscored;
  if (quality >= 100) return QUALITY_BANDS.exceptional;
  if (quality >= 70) return QUALITY_BANDS.high;
  if (quality >= 40) return QUALITY_BANDS.fair;
  return QUALITY_BANDS.low;
}
