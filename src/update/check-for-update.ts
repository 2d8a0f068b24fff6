import { INDEX_FORMAT_VERSION, indexFormatOf, META_FILE } from '../index/content-index';
import { collectGarbage } from './collect-garbage';
import { PACK_MANIFEST_FILE, PACK_SIGNATURE_FILE, type PackFile, type PackManifest } from './pack-manifest';
import type { PackStore } from './pack-store';
import type { UpdateFailureReason } from './update-status';
import { sha256Hex, verifyPack } from './verify-pack';

export interface CheckForUpdateDeps {
  /** The pack's folder on the update host, ending in `/` (see update-config.ts). */
  updateUrl: string;
  /** The built-in Ed25519 public key, base64 of its raw 32 bytes. */
  publicKey: string;
  /** The sequence of the bundled index. */
  bundledSequence: number;
  store: PackStore;
  /**
   * Firefox (update-host-access.ts): whether the extension holds its access to the update host. Given, requests go
   * in `same-origin` mode, which that access lets through without an `Origin` header, and a check without the access
   * fails before any request. Absent (Chrome), requests go in `cors` mode.
   */
  hostAccess?: () => Promise<boolean>;
  fetch?: typeof fetch;
  now?: () => Date;
  subtle?: SubtleCrypto;
  /** Time allowed for each request, body included. */
  timeoutMs?: number;
  /** Downloads at a time. */
  concurrency?: number;
}

export type CheckResult =
  | { kind: 'installed'; manifest: PackManifest; fetchedFiles: number; fetchedBytes: number; switchedAt: number }
  | { kind: 'up-to-date'; sequence: number }
  | { kind: 'failed'; reason: UpdateFailureReason; detail: string; fetchedFiles: number; fetchedBytes: number };

/** A failure with its reason, thrown inside a check and turned into its result. */
class CheckFailure extends Error {
  constructor(
    readonly reason: UpdateFailureReason,
    detail: string,
  ) {
    super(detail);
  }
}

/**
 * One update check: fetch `pack.json` and `pack.sig`, judge them (verify-pack.ts), download the files not stored
 * yet (each checked against its signed size and SHA-256 before it is stored), check the new index's format, then
 * switch to the pack in one write and delete the files no version uses. Anything that goes wrong leaves the data in
 * use as it was; the files already stored are kept, so the next check resumes where this one stopped.
 * Requests carry no cookies, no referrer and no query: only the pack's own paths; and no per-install identifier
 * (see `hostAccess`). Never throws.
 */
export async function checkForUpdate(deps: CheckForUpdateDeps): Promise<CheckResult> {
  const { store, now = () => new Date(), timeoutMs = 60_000, concurrency = 4 } = deps;
  const doFetch = deps.fetch ?? ((input, init) => fetch(input, init));
  let fetchedFiles = 0;
  let fetchedBytes = 0;
  const mode: RequestMode = deps.hostAccess ? 'same-origin' : 'cors';

  const download = async (path: string, fresh: boolean): Promise<Uint8Array> => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let started = false;
    try {
      const response = await doFetch(new URL(path, deps.updateUrl).href, {
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        redirect: 'error',
        mode,
        // The manifest and its signature change with each publication; the files never do (their path is their hash).
        cache: fresh ? 'no-store' : 'default',
        signal: controller.signal,
      });
      if (!response.ok) throw new CheckFailure('http-status', `${path}: HTTP ${response.status}`);
      started = true;
      const bytes = new Uint8Array(await response.arrayBuffer());
      fetchedFiles++;
      fetchedBytes += bytes.byteLength;
      return bytes;
    } catch (error) {
      if (error instanceof CheckFailure) throw error;
      if (controller.signal.aborted) throw new CheckFailure('timeout', `${path}: no complete answer within ${timeoutMs / 1000} s`);
      throw new CheckFailure(started ? 'truncated' : 'network', `${path}: ${(error as Error).message ?? String(error)}`);
    } finally {
      clearTimeout(timer);
    }
  };

  try {
    if (deps.hostAccess && !(await deps.hostAccess().catch(() => false))) {
      throw new CheckFailure('no-host-access', `no access to ${new URL(deps.updateUrl).host}: nothing was requested`);
    }
    const [manifestBytes, signatureBytes] = await Promise.all([download(PACK_MANIFEST_FILE, true), download(PACK_SIGNATURE_FILE, true)]);
    let state = await store.readState();
    if (state.current && state.current.manifest.sequence <= deps.bundledSequence) {
      // A newer extension release bundles newer data than the installed pack: the pack is of no more use.
      state = { current: null, previous: null };
      await store.writeState(state);
      await collectGarbage(store, state);
    }
    const currentSequence = Math.max(deps.bundledSequence, state.current?.manifest.sequence ?? -1);
    const verdict = await verifyPack({
      manifestBytes,
      signature: new TextDecoder().decode(signatureBytes),
      publicKey: deps.publicKey,
      currentSequence,
      now: now(),
      subtle: deps.subtle,
    });
    if (verdict.kind === 'refused') throw new CheckFailure(verdict.reason, verdict.detail);
    if (verdict.kind === 'current') {
      await collectGarbage(store, state);
      return { kind: 'up-to-date', sequence: currentSequence };
    }
    const { manifest } = verdict;

    const missing: PackFile[] = [];
    for (const file of manifest.files) if (!(await store.getFile(file.sha256))) missing.push(file);
    const queue = [...missing];
    const worker = async () => {
      for (let file = queue.shift(); file; file = queue.shift()) {
        const bytes = await download(file.path, false);
        if (bytes.byteLength < file.size) throw new CheckFailure('truncated', `${file.name}: ${bytes.byteLength} of ${file.size} bytes`);
        if (bytes.byteLength !== file.size || (await sha256Hex(bytes, deps.subtle)) !== file.sha256) {
          throw new CheckFailure('hash-mismatch', `${file.name} (${file.path}) does not match its signed SHA-256`);
        }
        try {
          await store.putFile(file.sha256, bytes);
        } catch (error) {
          if ((error as DOMException)?.name === 'QuotaExceededError') throw new CheckFailure('quota', `storing ${file.name}: ${(error as Error).message}`);
          throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));

    const metaFile = manifest.files.find((file) => file.name === META_FILE)!;
    const format = indexFormatOf((await store.getFile(metaFile.sha256))!);
    if (format !== INDEX_FORMAT_VERSION) {
      throw new CheckFailure('unsupported-format', `index format ${String(format)}; this version reads ${INDEX_FORMAT_VERSION}`);
    }

    const switchedAt = now().getTime();
    const next = { current: { manifest, installedAt: switchedAt }, previous: state.current };
    await store.writeState(next);
    await collectGarbage(store, next);
    return { kind: 'installed', manifest, fetchedFiles, fetchedBytes, switchedAt };
  } catch (error) {
    if (error instanceof CheckFailure) return { kind: 'failed', reason: error.reason, detail: error.message, fetchedFiles, fetchedBytes };
    const quota = (error as DOMException)?.name === 'QuotaExceededError';
    return { kind: 'failed', reason: quota ? 'quota' : 'network', detail: String((error as Error)?.message ?? error), fetchedFiles, fetchedBytes };
  }
}
