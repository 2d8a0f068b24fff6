import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CatalogueIndex, loadContentIndex } from '../index/content-index';
import { PACK_MANIFEST_FILE, PACK_SIGNATURE_FILE } from '../update/pack-manifest';
import { verifyPack } from '../update/verify-pack';
import { CATALOGUE_FILE, catalogueIdOf, keyFingerprint, parseCatalogueDescriptor } from './catalogue-descriptor';

/**
 * Opens a catalogue folder as `content publish` writes it (catalogue.json, pack.json, pack.sig, files/), in Node,
 * checked as a reader's extension checks a download: the manifest's signature against the descriptor's key, its
 * format and expiry, and each file's signed size and SHA-256 as it is read. Throws a message naming the folder and
 * what is wrong. For the CLI's `match --catalogue DIR` and the benchmark.
 */
export async function openCatalogueFolder(dir: string, now = new Date()): Promise<CatalogueIndex> {
  const read = (name: string) => {
    try {
      return readFileSync(join(dir, name));
    } catch {
      throw new Error(`${dir}: no ${name} (not a published catalogue)`);
    }
  };
  let descriptor;
  try {
    // Read as if hosted: a relative updateUrl resolves beside catalogue.json.
    descriptor = parseCatalogueDescriptor(read(CATALOGUE_FILE), 'https://catalogue.invalid/');
  } catch (error) {
    throw new Error(`${dir}: ${(error as Error).message}`, { cause: error });
  }
  const verdict = await verifyPack({
    manifestBytes: read(PACK_MANIFEST_FILE),
    signature: read(PACK_SIGNATURE_FILE).toString('utf8'),
    publicKey: descriptor.publicKey,
    currentSequence: -1,
    now,
  });
  if (verdict.kind === 'refused') throw new Error(`${dir}: refused (${verdict.reason}): ${verdict.detail}`);
  const byName = new Map(verdict.manifest.files.map((file) => [file.name, file]));
  const index = await loadContentIndex({
    async readBytes(name) {
      const file = byName.get(name);
      if (!file) throw new Error(`${dir}: the pack has no ${name}`);
      const bytes = read(file.path);
      if (bytes.byteLength !== file.size || createHash('sha256').update(bytes).digest('hex') !== file.sha256) {
        throw new Error(`${dir}: ${file.path} (${name}) does not match its signed SHA-256`);
      }
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    },
  });
  return { catalogue: { id: catalogueIdOf(await keyFingerprint(descriptor.publicKey)), name: descriptor.name }, index };
}
