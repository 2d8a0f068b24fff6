import { t } from '../i18n/translate';
import type { IndexedRelatedStory } from '../index/indexed-article';
import { StoryLink } from './StoryLink';

interface RelatedStoriesProps {
  stories: IndexedRelatedStory[];
  /** The section's heading, e.g. "Related coverage". */
  heading: string;
  /** The heading's id (unique on the page): the section is labelled by it. */
  id: string;
}

/**
 * Other outlets' coverage, closest first. Stories that share little with the article (`loose`) come after a
 * visible "Loosely related" divider rather than mixed in as the same news.
 */
export function RelatedStories({ stories, heading, id }: RelatedStoriesProps) {
  if (stories.length === 0) return null;
  const close = stories.filter((story) => story.closeness === 'close');
  const loose = stories.filter((story) => story.closeness !== 'close');
  return (
    <section class="related" aria-labelledby={id}>
      <h2 id={id}>
        {heading} <span class="count">({stories.length})</span>
      </h2>
      <StoryList stories={close} />
      {loose.length > 0 && (
        <>
          <h3 class="loose-divider">{t('article.looselyRelated')}</h3>
          <StoryList stories={loose} />
        </>
      )}
    </section>
  );
}

function StoryList({ stories }: { stories: IndexedRelatedStory[] }) {
  if (stories.length === 0) return null;
  return (
    <ol class="related-list">
      {stories.map((story, position) => (
        <li key={position} class="related-item" data-closeness={story.closeness}>
          <StoryLink item={{ ...story, bundled: story.articleId !== undefined }} />
        </li>
      ))}
    </ol>
  );
}
