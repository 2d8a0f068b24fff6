import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../../src/update/verify-pack';
import { removeTempDirs, tempDir } from './pack-helpers';

afterAll(removeTempDirs);

const ROOT = join(import.meta.dirname, '../../..');

function content(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/content.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run content -- keygen / publish', () => {
  const keys = tempDir('backstory-keys-');

  it('keygen writes the private key (PKCS#8 PEM, owner-only) and the public key (base64 of 32 bytes), and prints the public key', () => {
    const { status, stdout } = content('keygen', '--out', keys);
    expect(status).toBe(0);
    const publicKey = readFileSync(join(keys, 'backstory-update.pub'), 'utf8').trim();
    expect(stdout.trim()).toBe(publicKey);
    expect(Buffer.from(publicKey, 'base64')).toHaveLength(32);
    expect(readFileSync(join(keys, 'backstory-update.key'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(statSync(join(keys, 'backstory-update.key')).mode & 0o077).toBe(0);
    expect(content('keygen', '--out', keys).status).toBe(2); // never overwrites a key
  });

  it('publish writes a pack whose signature verifies with that public key', async () => {
    const out = tempDir('backstory-pack-');
    const { status, stdout } = content('publish', '--key', join(keys, 'backstory-update.key'), '--out', out, '--json');
    expect(status).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({ articles: 179, publicKey: readFileSync(join(keys, 'backstory-update.pub'), 'utf8').trim() });
    const manifest = JSON.parse(readFileSync(join(out, 'pack.json'), 'utf8'));
    expect(Object.keys(manifest)).toEqual(['formatVersion', 'sequence', 'created', 'expires', 'articles', 'newestPublished', 'files']);
    expect(await verifySignature(readFileSync(join(out, 'pack.json')), readFileSync(join(out, 'pack.sig'), 'utf8'), summary.publicKey)).toBe(true);
    for (const file of manifest.files) expect(existsSync(join(out, file.path))).toBe(true);
    // Closeness term stats are taken at the first publication and kept by the next (pack-term-stats.ts).
    expect(summary.termStatsRecomputed).toBe('no previous publication');
    const again = content('publish', '--key', join(keys, 'backstory-update.key'), '--out', out);
    expect(again.stdout).toContain('closeness term stats: kept from the previous pack');
  });

  it('publish refuses content with errors (exit 1) and leaves OUT_DIR as it was; usage errors exit 2', () => {
    const out = tempDir('backstory-pack-');
    const refused = content('publish', 'tests/fixtures/bad-content', '--key', join(keys, 'backstory-update.key'), '--out', out);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('error: missing-title.md: title: is required');
    expect(readdirSync(out)).toEqual([]);
    expect(content('publish', '--out', out).status).toBe(2);
    expect(content('publish', '--key', join(keys, 'backstory-update.pub'), '--out', out).status).toBe(2);
    expect(content('publish', '--key', join(keys, 'nope.key'), '--out', out).status).toBe(2);
  });
});
