import { describe, expect, it } from 'vitest';
import { PACK_FORMAT_VERSION, type PackManifest, packFilePath } from '../../../src/update/pack-manifest';
import { sha256Hex, verifyPack, verifySignature } from '../../../src/update/verify-pack';
import { OTHER_PUBLIC_KEY, PUBLIC_KEY, signBytes } from './pack-helpers';

const NOW = new Date('2026-12-01T08:00:00Z');

function manifest(change: Partial<PackManifest> = {}): PackManifest {
  return {
    formatVersion: PACK_FORMAT_VERSION,
    sequence: 100,
    created: '2026-12-01T07:00:00.000Z',
    expires: '2026-12-31T07:00:00.000Z',
    articles: 1,
    newestPublished: '2026-11-30T10:00:00.000Z',
    files: [{ name: 'meta.json', path: packFilePath('a'.repeat(64)), size: 10, sha256: 'a'.repeat(64) }],
    ...change,
  };
}

function signed(change: Partial<PackManifest> = {}) {
  const manifestBytes = new TextEncoder().encode(JSON.stringify(manifest(change)));
  return { manifestBytes, signature: signBytes(manifestBytes) };
}

describe('verifyPack', () => {
  it('accepts a signed, newer, unexpired pack of the supported format', async () => {
    const verdict = await verifyPack({ ...signed(), publicKey: PUBLIC_KEY, currentSequence: 99, now: NOW });
    expect(verdict.kind).toBe('newer');
  });

  it('says "current" for the sequence in use', async () => {
    expect((await verifyPack({ ...signed(), publicKey: PUBLIC_KEY, currentSequence: 100, now: NOW })).kind).toBe('current');
  });

  it.each([
    ['a wrong key', (input: ReturnType<typeof signed>) => ({ ...input, publicKey: OTHER_PUBLIC_KEY }), 'bad-signature'],
    [
      'one altered byte of the manifest',
      (input: ReturnType<typeof signed>) => {
        const bytes = input.manifestBytes.slice();
        bytes[bytes.length - 3] ^= 1;
        return { ...input, manifestBytes: bytes };
      },
      'bad-signature',
    ],
    [
      'an altered manifest (more articles), same signature',
      (input: ReturnType<typeof signed>) => ({
        ...input,
        manifestBytes: new TextEncoder().encode(JSON.stringify(manifest({ articles: 2 }))),
      }),
      'bad-signature',
    ],
    [
      'one altered byte of the signature',
      (input: ReturnType<typeof signed>) => {
        const sig = Buffer.from(input.signature, 'base64');
        sig[5] ^= 1;
        return { ...input, signature: sig.toString('base64') };
      },
      'bad-signature',
    ],
    ['a signature that is not base64', (input: ReturnType<typeof signed>) => ({ ...input, signature: '!!!' }), 'bad-signature'],
    ['an empty signature', (input: ReturnType<typeof signed>) => ({ ...input, signature: '' }), 'bad-signature'],
  ])('refuses %s', async (_case, alter, reason) => {
    const verdict = await verifyPack({ publicKey: PUBLIC_KEY, currentSequence: 99, now: NOW, ...alter({ ...signed(), publicKey: PUBLIC_KEY } as never) });
    expect(verdict).toMatchObject({ kind: 'refused', reason });
  });

  it.each([
    ['a rollback (lower sequence than the data in use)', { sequence: 50 }, 'rollback'],
    ['an expired pack', { expires: '2026-11-30T00:00:00.000Z' }, 'expired'],
    ['an unknown format', { formatVersion: PACK_FORMAT_VERSION + 1 }, 'unsupported-format'],
    ['a file path that is not its hash', { files: [{ name: 'meta.json', path: '../../etc/passwd', size: 1, sha256: 'a'.repeat(64) }] }, 'bad-manifest'],
    ['a manifest without meta.json', { files: [] }, 'bad-manifest'],
    ['a file name that is not an index file', { files: [{ name: '../x.js', path: packFilePath('a'.repeat(64)), size: 1, sha256: 'a'.repeat(64) }] }, 'bad-manifest'],
  ])('refuses %s, even signed', async (_case, change, reason) => {
    const verdict = await verifyPack({ ...signed(change), publicKey: PUBLIC_KEY, currentSequence: 99, now: NOW });
    expect(verdict).toMatchObject({ kind: 'refused', reason });
  });

  it('verifies with WebCrypto only: a wrong-length key is a failure, not an exception', async () => {
    const { manifestBytes, signature } = signed();
    expect(await verifySignature(manifestBytes, signature, 'AAAA')).toBe(false);
    expect(await verifySignature(manifestBytes, signature, PUBLIC_KEY)).toBe(true);
  });

  it('hashes with SHA-256 in hex', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
