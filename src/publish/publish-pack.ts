import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { CATALOGUE_FILE, CATALOGUE_FORMAT_VERSION, type CatalogueDescriptor, parseCatalogueDescriptor } from '../catalogues/catalogue-descriptor';
import { type BuiltContentIndex, buildContentIndexFromDir } from '../index/build-content-index';
import type { IndexIds } from '../index/stable-ids';
import {
  PACK_FORMAT_VERSION,
  PACK_MANIFEST_FILE,
  PACK_SIGNATURE_FILE,
  type PackFile,
  type PackManifest,
  packFilePath,
  parsePackManifest,
} from '../update/pack-manifest';

/** The editor's key files, as `keygen` writes them. */
export const PRIVATE_KEY_FILE = 'backstory-update.key';
export const PUBLIC_KEY_FILE = 'backstory-update.pub';
/**
 * Who holds which id in the published pack (stable-ids.ts), gzip'd JSON next to pack.json. Only `publish` reads it,
 * to keep ids stable; the extension never downloads it (it is not in the manifest).
 */
const PACK_IDS_FILE = 'pack-ids.json.gz';
/** A pack expires this long after it is published unless told otherwise: readers adopt no pack older than that. */
export const DEFAULT_EXPIRY_DAYS = 30;

/** A problem with the call (a key that is not an Ed25519 private key, an OUT_DIR that is not a pack): exit 2. */
export class PublishUsageError extends Error {}

/** An Ed25519 key pair: the private key as PKCS#8 PEM, the public key as base64 of its raw 32 bytes. */
export function generateUpdateKeys(): { privateKeyPem: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey: rawPublicKey(publicKey) };
}

/** The base64 of an Ed25519 public key's raw 32 bytes (the value the extension build embeds). */
export function rawPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  return Buffer.from(jwk.x!, 'base64url').toString('base64');
}

/** Reads an Ed25519 private key from PKCS#8 PEM. */
export function readPrivateKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new PublishUsageError('the key is not a PEM private key');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new PublishUsageError(`the key is ${key.asymmetricKeyType}, not Ed25519`);
  return key;
}

export interface PublishInput {
  contentDir: string;
  privateKey: KeyObject;
  outDir: string;
  now?: Date;
  expiresInDays?: number;
  /**
   * The catalogue's descriptor fields (issue 22): given, or kept from the catalogue.json already in `outDir`, they
   * are written to `catalogue.json` with the key's public half. Without either, no catalogue.json is written.
   */
  catalogue?: CatalogueFields;
}

/** What a curator says about their catalogue; `updateUrl` defaults to `./`, the folder catalogue.json is in. */
export interface CatalogueFields {
  name?: string;
  description?: string;
  homepage?: string;
  licence?: string;
  updateUrl?: string;
}

export type PublishResult =
  | { published: false; built: BuiltContentIndex }
  | {
      published: true;
      built: BuiltContentIndex;
      manifest: PackManifest;
      /** The files written by this publication (not there before), and their bytes. */
      newFiles: number;
      newBytes: number;
      /** Files of older packs deleted (the previous pack's are kept, for readers still downloading it). */
      deletedFiles: number;
      publicKey: string;
      /** The catalogue.json written, or null when none was. */
      catalogue: (Omit<CatalogueDescriptor, 'updateUrl'> & { updateUrl: string }) | null;
    };

/**
 * Builds the index from `contentDir` exactly as the extension build does (with stable ids and a pack's layout) and
 * writes a signed pack to `outDir`. Content errors refuse to publish, and leave `outDir` as it was. Publishing again
 * into the same folder keeps the ids of the pack there, keeps the files still in use, adds the new ones and bumps
 * the sequence (never lowers it). pack.json and pack.sig are written last, each by a rename.
 */
export async function publishPack({
  contentDir,
  privateKey,
  outDir,
  now = new Date(),
  expiresInDays = DEFAULT_EXPIRY_DAYS,
  catalogue,
}: PublishInput): Promise<PublishResult> {
  const previous = readPreviousPack(outDir);
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  const descriptor = catalogueDescriptorOf(outDir, catalogue, publicKey);
  const built = await buildContentIndexFromDir(contentDir, { pack: { previousIds: previous?.ids ?? null } });
  if (built.report.errors.length > 0) return { published: false, built };

  mkdirSync(join(outDir, 'files'), { recursive: true });
  const files: PackFile[] = [];
  let newFiles = 0;
  let newBytes = 0;
  for (const [name, bytes] of [...built.files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = packFilePath(sha256);
    if (!existsSync(join(outDir, path))) {
      writeAtomically(join(outDir, path), bytes);
      newFiles++;
      newBytes += bytes.byteLength;
    } else if (
      createHash('sha256')
        .update(readFileSync(join(outDir, path)))
        .digest('hex') !== sha256
    ) {
      // A file there under the same 128-bit prefix with other bytes: a corrupt folder (or, in theory, a collision).
      throw new PublishUsageError(`${join(outDir, path)} does not hold the bytes its name says; remove it and publish again`);
    }
    files.push({ name, path, size: bytes.byteLength, sha256 });
  }
  const manifest: PackManifest = {
    formatVersion: PACK_FORMAT_VERSION,
    sequence: Math.max((previous?.manifest.sequence ?? 0) + 1, Math.floor(now.getTime() / 1000)),
    created: now.toISOString(),
    expires: new Date(now.getTime() + expiresInDays * 86_400_000).toISOString(),
    articles: built.meta.articles,
    newestPublished: built.meta.newestPublished,
    files,
  };
  // Compact: every reader downloads the whole manifest at each check (about 190 bytes per file).
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest)}\n`);
  const signature = sign(null, manifestBytes, privateKey).toString('base64');
  writeAtomically(join(outDir, PACK_IDS_FILE), gzipSync(JSON.stringify(built.ids)));
  // The signature first: a host serving the folder mid-publication shows a manifest whose signature fails (and is
  // retried tomorrow), never a manifest with files missing.
  writeAtomically(join(outDir, PACK_SIGNATURE_FILE), Buffer.from(`${signature}\n`));
  writeAtomically(join(outDir, PACK_MANIFEST_FILE), manifestBytes);
  if (descriptor) writeAtomically(join(outDir, CATALOGUE_FILE), Buffer.from(`${JSON.stringify(descriptor, null, 2)}\n`));

  const keep = new Set([...files, ...(previous?.manifest.files ?? [])].map((file) => file.path.slice('files/'.length)));
  let deletedFiles = 0;
  for (const name of readdirSync(join(outDir, 'files'))) {
    if (!keep.has(name)) {
      rmSync(join(outDir, 'files', name), { force: true });
      deletedFiles++;
    }
  }
  return { published: true, built, manifest, newFiles, newBytes, deletedFiles, publicKey, catalogue: descriptor };
}

/**
 * The catalogue.json to write: the fields given, over those of the catalogue.json already in `outDir`, with the
 * signing key's public half; checked as a reader's extension will check it (catalogue-descriptor.ts), so a curator
 * never publishes a descriptor that readers refuse. Null when there is neither a name given nor one to keep.
 */
function catalogueDescriptorOf(outDir: string, fields: CatalogueFields | undefined, publicKey: string) {
  const path = join(outDir, CATALOGUE_FILE);
  let kept: Record<string, unknown> = {};
  if (existsSync(path)) {
    try {
      kept = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    } catch {
      throw new PublishUsageError(`${path}: not JSON; fix or remove it`);
    }
  }
  const given = Object.fromEntries(Object.entries(fields ?? {}).filter(([, value]) => value !== undefined));
  const merged = { ...kept, ...given } as Record<string, unknown>;
  if (merged.name === undefined) return null;
  const descriptor = {
    formatVersion: CATALOGUE_FORMAT_VERSION,
    name: merged.name,
    description: merged.description ?? '',
    homepage: merged.homepage ?? null,
    updateUrl: merged.updateUrl ?? './',
    publicKey,
    licence: merged.licence ?? null,
  };
  try {
    // Checked against a stand-in address: a relative updateUrl is read against wherever the folder is hosted.
    parseCatalogueDescriptor(
      Buffer.from(JSON.stringify(descriptor)),
      typeof merged.updateUrl === 'string' && /^https?:/.test(merged.updateUrl) ? merged.updateUrl : 'https://host.invalid/',
    );
  } catch (error) {
    throw new PublishUsageError((error as Error).message);
  }
  return descriptor as Omit<CatalogueDescriptor, 'updateUrl'> & { updateUrl: string };
}

/** The pack already in `outDir`, if any: its manifest and ids. An OUT_DIR holding something else is refused. */
function readPreviousPack(outDir: string): { manifest: PackManifest; ids: IndexIds | null } | null {
  const manifestPath = join(outDir, PACK_MANIFEST_FILE);
  if (!existsSync(manifestPath)) return null;
  let manifest: PackManifest;
  try {
    manifest = parsePackManifest(readFileSync(manifestPath));
  } catch (error) {
    throw new PublishUsageError(`${manifestPath}: not a Backstory pack (${(error as Error).message}); give an empty folder or an earlier pack's`);
  }
  const idsPath = join(outDir, PACK_IDS_FILE);
  let ids: IndexIds | null = null;
  if (existsSync(idsPath)) {
    try {
      ids = JSON.parse(gunzipSync(readFileSync(idsPath)).toString('utf8')) as IndexIds;
    } catch {
      ids = null; // then ids are given afresh: the next pack is a full download for readers, nothing worse
    }
  }
  return { manifest, ids };
}

function writeAtomically(path: string, bytes: Uint8Array): void {
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, path);
}
