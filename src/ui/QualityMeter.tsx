import { qualityBand } from '../quality/quality-band';

/** The quality score as a number, a bar and the band's meaning. Scores above 100 are shown as they are. */
export function QualityMeter({ quality }: { quality?: number }) {
  const band = qualityBand(quality);
  const scored = quality !== undefined;
  return (
    <section class={`quality band-${band.id}`} aria-label="Quality">
      <div class="quality-score">
        <span class="quality-number">{scored ? Math.round(quality) : '–'}</span>
        <span class="quality-label">{band.label}</span>
      </div>
      {scored && (
        <div
          class="quality-bar"
          role="meter"
          aria-label="Quality score"
          aria-valuemin={0}
          aria-valuemax={Math.max(100, Math.round(quality))}
          aria-valuenow={Math.round(quality)}
          aria-valuetext={`${Math.round(quality)}: ${band.label}`}
        >
          <span style={{ width: `${Math.min(100, Math.max(0, quality))}%` }} />
          {quality > 100 && (
            <span class="quality-beyond" title="Above the usual 0–100 scale">
              +{Math.round(quality - 100)}
            </span>
          )}
        </div>
      )}
      <p class="quality-meaning">{band.meaning}</p>
    </section>
  );
}
