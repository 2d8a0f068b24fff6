/**
 * Where a build gets its content packs from, fixed at build time by `BACKSTORY_UPDATE_URL` and
 * `BACKSTORY_UPDATE_PUBLIC_KEY` (wxt.config.ts reads them through {@link readUpdateSource}). A build without them
 * has no update source, no update code that can run, and no update option.
 */
export interface UpdateSource {
  /** The pack's folder, always ending in `/`: `https://editors.example/backstory/`. */
  url: string;
  /** Its origin, for the CSP's connect-src: `https://editors.example`. */
  origin: string;
  /** Base64 of the raw 32-byte Ed25519 public key. */
  publicKey: string;
}

/**
 * Checks the two build variables: both or neither; https only (http only for 127.0.0.1 and localhost, for tests);
 * no credentials, query or fragment; a base64 32-byte key. Throws a message that names the variable.
 */
export function readUpdateSource(env: Record<string, string | undefined>): UpdateSource | null {
  const rawUrl = env.BACKSTORY_UPDATE_URL?.trim() ?? '';
  const publicKey = env.BACKSTORY_UPDATE_PUBLIC_KEY?.trim() ?? '';
  if (!rawUrl && !publicKey) return null;
  if (!rawUrl) throw new Error('BACKSTORY_UPDATE_PUBLIC_KEY is set but BACKSTORY_UPDATE_URL is not: set both, or neither');
  if (!publicKey) throw new Error('BACKSTORY_UPDATE_URL is set but BACKSTORY_UPDATE_PUBLIC_KEY is not: set both, or neither');
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new Error(`BACKSTORY_UPDATE_URL: ${JSON.stringify(rawUrl)} is not a URL`);
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new Error('BACKSTORY_UPDATE_URL: must be https (http only for 127.0.0.1 and localhost)');
  }
  if (url.username || url.password || url.search || url.hash) throw new Error('BACKSTORY_UPDATE_URL: no credentials, query or fragment');
  if (!/^[A-Za-z0-9+/]{43}=$/.test(publicKey)) {
    throw new Error('BACKSTORY_UPDATE_PUBLIC_KEY: not a base64 Ed25519 public key (the contents of backstory-update.pub)');
  }
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return { url: `${url.origin}${path}`, origin: url.origin, publicKey };
}
