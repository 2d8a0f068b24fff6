/**
 * Pieces shared by the Chromium and Firefox drivers: the table of locally served pages, the
 * request log, the "sinkhole" proxy that catches anything the interception layer missed, temp
 * profile directories, and small timing helpers.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Served for every http(s) URL that no test registered, so that any tab still loads. */
const OFFLINE_HTML =
  '<!doctype html><html><head><meta charset="utf-8"><title>offline test page</title></head>' + '<body><p id="offline">offline test page</p></body></html>';

/** Default time allowed for a single harness step (a navigation, a selector, a click). */
export const STEP_TIMEOUT_MS = 15_000;

/** The key under which a URL is served: the parsed URL without its #fragment. */
function pageKey(url: string): string {
  const u = new URL(url);
  u.hash = '';
  return u.href;
}

/** True when `url` is on one of `origins` (local servers a test lets through: see LaunchOptions). */
export function isPassThrough(url: string, origins: readonly string[]): boolean {
  return origins.some((origin) => url === origin || url.startsWith(`${origin}/`));
}

export function isHttpUrl(url: string): boolean {
  return url.startsWith('http://') || url.startsWith('https://');
}

/**
 * The pages served instead of the network, plus the ordered log of every request URL seen.
 * One instance per browser session.
 */
export class Router {
  private readonly pages = new Map<string, string>();
  private readonly log: { url: string; browserService: boolean }[] = [];

  /** Serve `html` for `url` (fragment ignored) from now on, in every tab. */
  serve(url: string, html: string): void {
    if (!isHttpUrl(url)) throw new Error(`Only http(s) URLs can be served, got ${url}`);
    this.pages.set(pageKey(url), html);
  }

  /** The HTML for an http(s) URL: the registered page, else the offline test page. */
  htmlFor(url: string): string {
    try {
      return this.pages.get(pageKey(url)) ?? OFFLINE_HTML;
    } catch {
      return OFFLINE_HTML;
    }
  }

  /** A request seen by the interception layer (made by a page, worker or extension page). */
  record(url: string): void {
    this.log.push({ url, browserService: false });
  }

  /**
   * A request that reached the sinkhole proxy. Those to the browsers' own service hosts
   * (Mozilla, Google) are flagged, since the browser itself, not the extension, makes them.
   */
  recordFromSinkhole(url: string): void {
    let host = '';
    try {
      host = new URL(url).hostname;
    } catch {
      // not a URL: keep it unflagged
    }
    this.log.push({ url, browserService: BROWSER_SERVICE_HOST.test(host) });
  }

  requests(options: { includeBrowserServices?: boolean } = {}): string[] {
    return this.log.filter((r) => options.includeBrowserServices || !r.browserService).map((r) => r.url);
  }
}

/** Hosts of the browsers' own background services (updates, settings, telemetry, safe browsing). */
const BROWSER_SERVICE_HOST = /(^|\.)(mozilla\.(com|net|org)|firefox\.com|mozaws\.net|google\.com|googleapis\.com|gvt1\.com|gstatic\.com)$/;

/**
 * A local HTTP proxy on 127.0.0.1 that both browsers are configured to use. Requests the
 * interception layer already answered never reach it, so it only sees what slipped through
 * (for example fetches from a Firefox background script, which WebDriver BiDi does not
 * intercept). It never connects anywhere:
 * - plain `http://` requests are answered locally from the Router (registered page or the
 *   offline page) and logged with their full URL;
 * - `CONNECT host:port` (https) is refused with 403 and logged as `https://host[:port]/`:
 *   the path of an https request is encrypted and so unknown.
 */
export class Sinkhole {
  private server?: http.Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly router: Router) {}

  async start(): Promise<number> {
    const server = http.createServer((req, res) => {
      const url = req.url ?? '';
      const full = isHttpUrl(url) ? url : `http://${req.headers.host ?? 'unknown'}${url}`;
      this.router.recordFromSinkhole(full);
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', Connection: 'close' });
      res.end(this.router.htmlFor(full));
    });
    server.on('connect', (req, socket: Socket) => {
      const [host, port] = (req.url ?? '').split(':');
      this.router.recordFromSinkhole(`https://${host}${port && port !== '443' ? `:${port}` : ''}/`);
      socket.on('error', () => {});
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    });
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => {});
    });
    server.on('clientError', (_err, socket) => socket.destroy());
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this.port;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** A fresh, empty temp directory for one browser profile. */
export function makeProfileDir(browser: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `backstory-e2e-${browser}-`));
}

export async function removeDir(dir: string): Promise<void> {
  // The browser may still be releasing files for a moment after it exits.
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }).catch(() => {});
}

export async function ensureParentDir(file: string): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves with `promise`, or rejects after `ms` with a message naming `what`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms: ${what}`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The source of a page-side call `fn(...args)` as an expression string. Both drivers evaluate
 * this string, so arguments must be JSON-serialisable. `__name` is defined because esbuild (used
 * by vitest) may wrap named inner functions in `__name(...)` calls that do not exist in the page.
 */
export function callExpression(fn: (...args: any[]) => unknown, args: unknown[]): string {
  const argList = args.map((a) => (a === undefined ? 'undefined' : JSON.stringify(a))).join(', ');
  return `(() => { var __name = (f) => f; return (${fn.toString()})(${argList}); })()`;
}

/** Process ids whose command line mentions `needle` (our unique profile dir); Linux only. */
export async function pidsMentioning(needle: string): Promise<number[]> {
  const { readdir, readFile } = await import('node:fs/promises');
  const pids: number[] = [];
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return pids;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes(needle)) pids.push(Number(entry));
    } catch {
      // The process ended meanwhile.
    }
  }
  return pids;
}

/** SIGKILL each given process id, ignoring those already gone. */
export function killPids(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
