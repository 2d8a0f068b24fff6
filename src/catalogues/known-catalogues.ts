import listed from './known-catalogues.json';
import { checkCatalogueUrl } from './catalogue-descriptor';

/** A catalogue the options page offers to add with one click: from known-catalogues.json, reviewed in this repository. */
export interface KnownCatalogue {
  name: string;
  description: string;
  /** The URL of its catalogue.json. */
  url: string;
  /** Its Ed25519 public key (base64 of the raw 32 bytes): a descriptor that serves another key is refused. */
  publicKey: string;
}

/**
 * The known catalogues, each checked (an https descriptor URL, a well-formed key, a name): an entry that is not is
 * left out. Empty for now: no public catalogue exists yet; a curator adds theirs with a pull request (docs/editors.md).
 */
export function knownCatalogues(entries: unknown = listed): KnownCatalogue[] {
  if (!Array.isArray(entries)) return [];
  return (entries as unknown[]).filter((entry): entry is KnownCatalogue => {
    const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    return (
      typeof e.name === 'string' &&
      e.name !== '' &&
      typeof e.description === 'string' &&
      typeof checkCatalogueUrl(e.url) !== 'string' &&
      typeof e.publicKey === 'string' &&
      /^[A-Za-z0-9+/]{43}=$/.test(e.publicKey)
    );
  });
}
