import { PACK_FORMAT_VERSION, type PackManifest, parsePackManifest } from './pack-manifest';
import type { UpdateFailureReason } from './update-status';

/** What a downloaded manifest is judged to be. */
export type PackVerdict =
  { kind: 'newer'; manifest: PackManifest } | { kind: 'current'; manifest: PackManifest } | { kind: 'refused'; reason: UpdateFailureReason; detail: string };

export interface VerifyPackInput {
  /** The exact bytes of `pack.json` as downloaded. */
  manifestBytes: Uint8Array;
  /** The text of `pack.sig`: base64 of the 64-byte Ed25519 signature (surrounding white space allowed). */
  signature: string;
  /** The built-in public key: base64 of its raw 32 bytes. */
  publicKey: string;
  /** The sequence of the data in use: the installed pack's, or the bundled index's. */
  currentSequence: number;
  now: Date;
  subtle?: SubtleCrypto;
}

/**
 * Judges a downloaded manifest, in this order: the signature over its exact bytes (nothing is read from an unsigned
 * manifest), its shape, its format, its sequence against the data in use (equal: up to date; lower: a rollback),
 * and its expiry. Never throws.
 */
export async function verifyPack({ manifestBytes, signature, publicKey, currentSequence, now, subtle = crypto.subtle }: VerifyPackInput): Promise<PackVerdict> {
  if (!(await verifySignature(manifestBytes, signature, publicKey, subtle))) {
    return { kind: 'refused', reason: 'bad-signature', detail: 'pack.sig does not verify against the built-in key' };
  }
  let manifest: PackManifest;
  try {
    manifest = parsePackManifest(manifestBytes);
  } catch (error) {
    return { kind: 'refused', reason: 'bad-manifest', detail: (error as Error).message };
  }
  if (manifest.formatVersion !== PACK_FORMAT_VERSION) {
    return { kind: 'refused', reason: 'unsupported-format', detail: `pack format ${manifest.formatVersion}; this version reads ${PACK_FORMAT_VERSION}` };
  }
  if (manifest.sequence === currentSequence) return { kind: 'current', manifest };
  if (manifest.sequence < currentSequence) {
    return { kind: 'refused', reason: 'rollback', detail: `sequence ${manifest.sequence} is older than ${currentSequence}, the data in use` };
  }
  if (Date.parse(manifest.expires) <= now.getTime()) return { kind: 'refused', reason: 'expired', detail: `expired on ${manifest.expires}` };
  return { kind: 'newer', manifest };
}

/** Ed25519 over `data` with WebCrypto (Chrome, Firefox and Node alike). False for any malformed key or signature. */
export async function verifySignature(data: Uint8Array, signature: string, publicKey: string, subtle: SubtleCrypto = crypto.subtle): Promise<boolean> {
  try {
    const key = await subtle.importKey('raw', fromBase64(publicKey) as BufferSource, { name: 'Ed25519' }, false, ['verify']);
    const sig = fromBase64(signature.trim());
    if (sig.length !== 64) return false;
    return await subtle.verify({ name: 'Ed25519' }, key, sig as BufferSource, data as BufferSource);
  } catch {
    return false;
  }
}

/** SHA-256 of `bytes` as lower-case hex. */
export async function sha256Hex(bytes: ArrayBuffer | Uint8Array, subtle: SubtleCrypto = crypto.subtle): Promise<string> {
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes as BufferSource));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Strict base64 (standard alphabet, padding optional): throws on anything else. */
function fromBase64(text: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw new Error('not base64');
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
