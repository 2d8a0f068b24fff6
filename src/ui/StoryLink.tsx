import { bandLabel } from '../i18n/band-text';
import { dateText, formatNumber, t } from '../i18n/translate';
import type { StoryFields } from '../index/indexed-article';
import { qualityBand } from '../quality/quality-band';
import { isWebUrl } from '../url/parse-web-url';

/** What one line of a story list shows: a related story, or a bundled article linked from another view. */
export interface StoryLinkItem extends Omit<StoryFields, 'type'> {
  /** Marks a story that is itself one of Backstory's bundled articles. */
  bundled?: boolean;
}

/**
 * One story in a list: its title as a link that opens a new tab (middle-click and ctrl/cmd-click open it in the
 * background, as links do) when its address is http(s), else as text; then provider, date, and the quality with
 * its band in words (not only by colour).
 */
export function StoryLink({ item }: { item: StoryLinkItem }) {
  const band = qualityBand(item.quality);
  return (
    <>
      {isWebUrl(item.url) ? (
        <a class="related-title" href={item.url} target="_blank" rel="noopener noreferrer">
          {item.title}
        </a>
      ) : (
        <span class="related-title">{item.title}</span>
      )}
      <span class="related-meta">
        <span>
          {[item.providerName ?? item.providerDomain, item.publishedDateTime && dateText(item.publishedDateTime)].filter(Boolean).join(' · ')}
          {item.bundled && <span class="chip bundled">{t('article.inBackstory')}</span>}
        </span>
        {item.quality !== undefined && (
          <span class={`related-quality band-${band.id}`}>
            <span class="visually-hidden">{t('article.quality')} </span>
            {formatNumber(Math.round(item.quality))} <span class="band-word">{bandLabel(band.id)}</span>
          </span>
        )}
      </span>
    </>
  );
}
