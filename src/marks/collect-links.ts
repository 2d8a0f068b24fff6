import { isLookupHref } from './marks-protocol';

/** Where links are looked for: the document, an element, or an open shadow root in the page. */
export type LinkRoot = Document | DocumentFragment | Element;

/**
 * The links in `root` and in the open shadow roots inside it (closed ones are the page's own business), and those
 * open shadow roots (to be watched for changes). Reads only elements and their `href`; never text.
 */
export function collectLinks(root: LinkRoot): { links: HTMLAnchorElement[]; shadowRoots: ShadowRoot[] } {
  const links: HTMLAnchorElement[] = [];
  const shadowRoots: ShadowRoot[] = [];
  const visit = (node: LinkRoot) => {
    if (node instanceof Element) {
      if (isLink(node)) links.push(node);
      if (node.shadowRoot) {
        shadowRoots.push(node.shadowRoot);
        visit(node.shadowRoot);
      }
    }
    for (const element of node.querySelectorAll('*')) {
      if (isLink(element)) links.push(element);
      if (element.shadowRoot) {
        shadowRoots.push(element.shadowRoot);
        visit(element.shadowRoot);
      }
    }
  };
  visit(root);
  return { links, shadowRoots };
}

function isLink(element: Element): element is HTMLAnchorElement {
  return element.localName === 'a' && element.namespaceURI === 'http://www.w3.org/1999/xhtml' && element.hasAttribute('href');
}

/**
 * The href of a link that may get a mark: resolved by the browser against the page's base URL, http(s) only (never
 * `javascript:`, `data:`, `mailto:`...), not absurdly long; its #fragment dropped (it names a place on the page,
 * not another page). Null for anything else.
 */
export function markableHref(link: HTMLAnchorElement): string | null {
  const href: unknown = link.href;
  if (typeof href !== 'string') return null;
  const hash = href.indexOf('#');
  const page = hash < 0 ? href : href.slice(0, hash);
  return isLookupHref(page) ? page : null;
}
