import { bandLabel, bandMeaning } from '../i18n/band-text';
import { formatNumber, t } from '../i18n/translate';
import { qualityBand } from '../quality/quality-band';

/**
 * The quality score as a number, a bar and the band's meaning. Scores above 100 are shown as they are, with a
 * visible line saying how far above the usual scale (not only a hover title: keyboard and touch readers see it).
 */
export function QualityMeter({ quality }: { quality?: number }) {
  const band = qualityBand(quality);
  const scored = quality !== undefined;
  const rounded = scored ? Math.round(quality) : 0;
  return (
    <section class={`quality band-${band.id}`} aria-label={t('article.quality')}>
      <div class="quality-score">
        <span class="quality-number">{scored ? formatNumber(rounded) : '–'}</span>
        <span class="quality-label">{bandLabel(band.id)}</span>
      </div>
      {scored && (
        <div
          class="quality-bar"
          role="meter"
          aria-label={t('article.qualityScore')}
          aria-valuemin={0}
          aria-valuemax={Math.max(100, rounded)}
          aria-valuenow={rounded}
          aria-valuetext={t('article.qualityValue', [formatNumber(rounded), bandLabel(band.id)])}
        >
          <span style={{ width: `${Math.min(100, Math.max(0, quality))}%` }} />
        </div>
      )}
      {scored && quality > 100 && <p class="quality-beyond">{t('article.beyondScale', [`+${formatNumber(Math.round(quality - 100))}`])}</p>}
      <p class="quality-meaning">{bandMeaning(band.id)}</p>
    </section>
  );
}
