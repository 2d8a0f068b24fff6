import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

const CHROMIUM = process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Runs `measure` in headless Chromium with the unpacked extension at `extensionDir` loaded, in a fresh profile under
 * `scratchDir` (removed afterwards), with the browser's own background work (sync, component updates, first-run
 * pages, background networking) turned off, so that only the extension and the benchmark's pages run.
 */
export async function withExtensionBrowser<T>(extensionDir: string, scratchDir: string, measure: (context: BrowserContext) => Promise<T>): Promise<T> {
  const profileDir = mkdtempSync(join(scratchDir, 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
    ],
  });
  try {
    return await measure(context);
  } finally {
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
}
