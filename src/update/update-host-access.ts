/**
 * The one place where update requests differ between browsers (issue 10). A cross-origin request carries
 * `Origin: <the extension's origin>`. In Chrome that is `chrome-extension://<id>`, the same for every reader of a
 * build. In Firefox it is `moz-extension://<a random id made at install>`, by which the update host could tell one
 * installation's checks apart. A request to an origin the extension holds a host permission for is same-origin to
 * it and carries no `Origin` (seen by the test server in Firefox 153 ESR and Chromium 156: tests/e2e/updates.test.ts).
 *
 * So in Firefox, and only there, the options page asks for access to the update host when the reader turns updates
 * on, and the requests go in `same-origin` mode: without that access the browser refuses them before anything is
 * sent, so a missing access can never fall back to sending the id. Chrome asks for nothing and uses `cors` mode.
 */

/** The access a browser asks for when the reader turns updates on: the update host in Firefox, nothing elsewhere. */
export function updateHostPermission(updateUrl: string, firefox: boolean = import.meta.env.FIREFOX): { origins: string[] } | null {
  if (!firefox) return null;
  // No port: Firefox's match patterns have none (`http://127.0.0.1:8080/*` grants nothing, and the Origin stays).
  // Within the manifest's optional `*://*/*`; the CSP's connect-src still allows only the update origin itself.
  const { protocol, hostname } = new URL(updateUrl);
  return { origins: [`${protocol}//${hostname}/*`] };
}
