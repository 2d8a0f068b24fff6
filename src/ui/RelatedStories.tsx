import { formatDate } from '../format/format-date';
import type { IndexedRelatedStory } from '../index/indexed-article';
import { qualityBand } from '../quality/quality-band';
import { isWebUrl } from '../url/parse-web-url';

/**
 * Other outlets' coverage of the same news. Each story with an http(s) link is a real link that opens in a new
 * tab (middle-click and ctrl/cmd-click open it in the background, as links do); others are plain text.
 */
export function RelatedStories({ stories }: { stories: IndexedRelatedStory[] }) {
  if (stories.length === 0) return null;
  return (
    <section class="related" aria-labelledby="related-heading">
      <h2 id="related-heading">
        Related coverage <span class="count">({stories.length})</span>
      </h2>
      <ol class="related-list">
        {stories.map((story, position) => (
          <li key={position} class="related-item">
            {isWebUrl(story.url) ? (
              <a class="related-title" href={story.url} target="_blank" rel="noopener noreferrer">
                {story.title}
              </a>
            ) : (
              <span class="related-title">{story.title}</span>
            )}
            <span class="related-meta">
              {[story.providerName ?? story.providerDomain, story.publishedDateTime && formatDate(story.publishedDateTime)]
                .filter(Boolean)
                .join(' · ')}
              {story.quality !== undefined && (
                <span class={`related-quality band-${qualityBand(story.quality).id}`} title={`Quality ${story.quality}: ${qualityBand(story.quality).label}`}>
                  <span class="visually-hidden">Quality </span>
                  {Math.round(story.quality)}
                </span>
              )}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
