import type { ArticleLink } from '../index/indexed-article';
import { StoryLink } from './StoryLink';

interface ArticleLinksProps {
  links: ArticleLink[];
  heading: string;
  /** The heading's id (unique on the page): the section is labelled by it. */
  id: string;
}

/** A list of bundled articles, each a link: "also covered by", the articles listing a related story, a site's newest. */
export function ArticleLinks({ links, heading, id }: ArticleLinksProps) {
  if (links.length === 0) return null;
  return (
    <section class="related article-links" aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      <ol class="related-list">
        {links.map((link) => (
          <li key={link.articleId} class="related-item" data-closeness={link.closeness}>
            <StoryLink item={link} />
          </li>
        ))}
      </ol>
    </section>
  );
}
