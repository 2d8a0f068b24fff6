// Build-time constants (wxt.config.ts, vite `define`): '' in a build without an update source.
interface ImportMetaEnv {
  /** The update source's pack folder (see update-source.ts), or ''. */
  readonly BACKSTORY_UPDATE_URL: string;
  /** Its Ed25519 public key, base64 of the raw 32 bytes, or ''. */
  readonly BACKSTORY_UPDATE_PUBLIC_KEY: string;
  /** The bundled index's sequence (see wxt.config.ts), compared with a pack's. */
  readonly BACKSTORY_BUNDLE_SEQUENCE: number;
}
