import { useState } from 'preact/hooks';
import { t } from '../i18n/translate';

interface PauseControlProps {
  /** The tab's site, as it is paused (see paused-sites.ts). */
  site: string;
  paused: boolean;
  setPaused: (site: string, paused: boolean) => Promise<void>;
}

/** "Pause Backstory on forbes.com" / "Resume on forbes.com": the badge, marks and side panel stay quiet there. */
export function PauseControl({ site, paused: initiallyPaused, setPaused }: PauseControlProps) {
  const [paused, setPausedState] = useState(initiallyPaused);
  const toggle = () => {
    const next = !paused;
    setPaused(site, next).then(
      () => setPausedState(next),
      () => setPausedState(paused),
    );
  };
  return (
    <div class="pause-control">
      {paused && <p class="paused-note">{t('popup.paused', [site])}</p>}
      <button type="button" class="link-button" aria-pressed={paused} onClick={toggle}>
        {paused ? t('popup.resume', [site]) : t('popup.pause', [site])}
      </button>
    </div>
  );
}
