import type { QualityBandId } from '../quality/quality-band';
import { t } from './translate';

/** A quality band's name, in the reader's language: "High". */
export function bandLabel(id: QualityBandId): string {
  return t(`band.${id}`);
}

/** One sentence on what a band means, for the popup and screen readers. */
export function bandMeaning(id: QualityBandId): string {
  return t(`band.${id}Meaning`);
}
