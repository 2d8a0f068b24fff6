/**
 * The aggregator's quality score is open-ended: most articles score 0–100, a few reach ~190. Bands turn the
 * number into something a reader can judge at a glance; the number itself is always shown too.
 */
export type QualityBandId = 'low' | 'fair' | 'high' | 'exceptional' | 'unscored';

export interface QualityBand {
  id: QualityBandId;
  label: string;
  /** One sentence on what the band means, for the popup and screen readers. */
  meaning: string;
  /** Badge background: white text on it keeps a contrast ratio of at least 4.5:1, on light and dark toolbars. */
  badgeColor: string;
}

export const QUALITY_BANDS: Readonly<Record<QualityBandId, QualityBand>> = {
  low: { id: 'low', label: 'Low', meaning: 'Below 40: few or weak signals of quality for this story.', badgeColor: '#b91c1c' },
  fair: { id: 'fair', label: 'Fair', meaning: '40 to 69: an ordinary report.', badgeColor: '#a16207' },
  high: { id: 'high', label: 'High', meaning: '70 to 99: a strong, well-sourced report.', badgeColor: '#15803d' },
  exceptional: {
    id: 'exceptional',
    label: 'Exceptional',
    meaning: '100 and above: the score has no upper limit, and this story is beyond the usual scale.',
    badgeColor: '#6d28d9',
  },
  unscored: { id: 'unscored', label: 'Not scored', meaning: 'This article has no quality score.', badgeColor: '#4b5563' },
};

/** The band of a quality score; `unscored` when there is none. */
export function qualityBand(quality: number | undefined): QualityBand {
  if (quality === undefined || !Number.isFinite(quality)) return QUALITY_BANDS.unscored;
  if (quality >= 100) return QUALITY_BANDS.exceptional;
  if (quality >= 70) return QUALITY_BANDS.high;
  if (quality >= 40) return QUALITY_BANDS.fair;
  return QUALITY_BANDS.low;
}
