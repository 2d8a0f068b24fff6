import { catalogueText } from '../catalogues/catalogue-text';
import type { CatalogueRef } from '../index/content-index';

/**
 * Which catalogue an answer comes from, and which others have the page too ("From Reef Watch, also in Dune Daily"):
 * shown only when several catalogues answer (issue 22). Names are the curators' own text, rendered as text.
 */
export function CatalogueLine({ catalogue, alsoIn }: { catalogue: CatalogueRef; alsoIn: readonly CatalogueRef[] }) {
  return (
    <p class="answer-catalogue" data-catalogue={catalogue.id}>
      {catalogueText(
        catalogue.name,
        alsoIn.map((other) => other.name),
      )}
    </p>
  );
}
