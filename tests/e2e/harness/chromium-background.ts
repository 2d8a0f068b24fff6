/**
 * Chromium: the extension's service worker seen through the DevTools protocol, for the harness's
 * background API (stopBackground, isBackgroundRunning, backgroundMemory, evaluateInBackground,
 * extensionConsole).
 *
 * Everything goes through one browser-level CDP session from playwright-core. Playwright's
 * browser session cannot reach child sessions in flat mode, so the worker and the page used for
 * the ServiceWorker domain are attached in the classic non-flat mode (Target.attachToTarget with
 * flatten: false, commands through Target.sendMessageToTarget, answers and events through
 * Target.receivedMessageFromTarget). Verified on Chromium 156; Playwright's own flat session on
 * the worker is left alone.
 *
 * Console: every service worker target of the extension is attached as soon as it appears
 * (Target.setDiscoverTargets), with Runtime and Log enabled. Runtime.enable replays what the
 * worker logged before we attached, so nothing from its start-up is missed. Errors, warnings and
 * failed assertions (console API), uncaught exceptions and unhandled rejections
 * (Runtime.exceptionThrown) and browser-reported errors and warnings (Log.entryAdded) are kept.
 *
 * Stopping: the ServiceWorker domain exists only on page targets, so an existing tab is attached
 * for it (one is created, before stopping, only if there is none: opening a tab later would
 * itself wake the worker). ServiceWorker.stopWorker stops each running version of the
 * extension's registration, and the call resolves once the browser reports the version's
 * runningStatus as 'stopped'. The worker's target then goes away; the next extension event
 * (a navigation, a tab switch) starts a new one.
 */
import type { CDPSession } from 'playwright-core';
import { sleep, withTimeout } from './common';
import type { BackgroundMemory, ExtensionConsoleEntry } from './types';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

interface ProtocolMessage {
  id?: number;
  method?: string;
  params?: any;
  result?: any;
  error?: { code: number; message: string };
}

/** A non-flat session on one target, reached through the browser session. */
class TargetSession {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (r: any) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Set<(message: ProtocolMessage) => void>();
  closed = false;

  constructor(
    private readonly browser: CDPSession,
    readonly sessionId: string,
    readonly targetId: string,
  ) {}

  send<T = any>(method: string, params: object = {}): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`${method}: the target is gone`));
    const id = ++this.nextId;
    const answer = new Promise<T>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.browser
      .send('Target.sendMessageToTarget', { sessionId: this.sessionId, message: JSON.stringify({ id, method, params }) })
      .catch((error: Error) => this.settle({ id, error: { code: -1, message: error.message } }));
    return withTimeout(answer, 15_000, `${method} on target ${this.targetId}`);
  }

  onMessage(listener: (message: ProtocolMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called by the owner for each Target.receivedMessageFromTarget of this session. */
  dispatch(raw: string): void {
    let message: ProtocolMessage;
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    if (message.id !== undefined) this.settle(message);
    else for (const listener of this.listeners) listener(message);
  }

  private settle(message: ProtocolMessage): void {
    const waiter = this.pending.get(message.id!);
    if (!waiter) return;
    this.pending.delete(message.id!);
    if (message.error) waiter.reject(new Error(`CDP error: ${message.error.message}`));
    else waiter.resolve(message.result);
  }

  dispose(): void {
    this.closed = true;
    for (const { reject } of this.pending.values()) reject(new Error('the target went away'));
    this.pending.clear();
    this.listeners.clear();
  }
}

/** The text of a console API argument, as DevTools would print it. */
function remoteObjectText(arg: any): string {
  if (!arg) return '';
  if ('value' in arg) return typeof arg.value === 'string' ? arg.value : JSON.stringify(arg.value);
  if ('unserializableValue' in arg) return String(arg.unserializableValue);
  return String(arg.description ?? arg.type ?? '');
}

export class ChromiumBackground {
  private readonly sessions = new Map<string, TargetSession>(); // by sessionId
  private readonly workerSessions = new Map<string, TargetSession>(); // by targetId
  private readonly attaching = new Map<string, Promise<TargetSession | undefined>>(); // by targetId
  /** `console` receives what the workers log (shared with the pages' console, in order). */
  constructor(
    private readonly cdp: CDPSession,
    private readonly extensionOrigin: string,
    private readonly console: ExtensionConsoleEntry[],
  ) {}

  private isOurWorker(info: TargetInfo): boolean {
    return info.type === 'service_worker' && info.url.startsWith(`${this.extensionOrigin}/`);
  }

  /** Starts watching the extension's service workers (their console, from their first line). */
  async start(): Promise<void> {
    this.cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
      this.sessions.get(event.sessionId)?.dispatch(event.message);
    });
    this.cdp.on('Target.detachedFromTarget', (event: { sessionId: string }) => {
      const session = this.sessions.get(event.sessionId);
      if (!session) return;
      this.sessions.delete(event.sessionId);
      if (this.workerSessions.get(session.targetId) === session) this.workerSessions.delete(session.targetId);
      session.dispose();
    });
    this.cdp.on('Target.targetCreated', (event: { targetInfo: TargetInfo }) => {
      if (this.isOurWorker(event.targetInfo)) void this.attachWorker(event.targetInfo.targetId);
    });
    this.cdp.on('Target.targetInfoChanged', (event: { targetInfo: TargetInfo }) => {
      if (this.isOurWorker(event.targetInfo)) void this.attachWorker(event.targetInfo.targetId);
    });
    await this.cdp.send('Target.setDiscoverTargets', { discover: true });
  }

  private async attach(targetId: string): Promise<TargetSession> {
    const { sessionId } = await this.cdp.send('Target.attachToTarget', { targetId, flatten: false });
    const session = new TargetSession(this.cdp, sessionId, targetId);
    this.sessions.set(sessionId, session);
    return session;
  }

  private async detach(session: TargetSession): Promise<void> {
    this.sessions.delete(session.sessionId);
    session.dispose();
    await this.cdp.send('Target.detachFromTarget', { sessionId: session.sessionId }).catch(() => {});
  }

  private attachWorker(targetId: string): Promise<TargetSession | undefined> {
    const existing = this.workerSessions.get(targetId);
    if (existing && !existing.closed) return Promise.resolve(existing);
    const inFlight = this.attaching.get(targetId);
    if (inFlight) return inFlight;
    const attaching = (async () => {
      try {
        const session = await this.attach(targetId);
        this.workerSessions.set(targetId, session);
        session.onMessage((message) => this.record(message));
        await session.send('Runtime.enable');
        await session.send('Log.enable').catch(() => {});
        return session;
      } catch {
        return undefined; // the worker stopped meanwhile
      } finally {
        this.attaching.delete(targetId);
      }
    })();
    this.attaching.set(targetId, attaching);
    return attaching;
  }

  private record({ method, params }: ProtocolMessage): void {
    const workerUrl = `${this.extensionOrigin}/ (service worker)`;
    if (method === 'Runtime.consoleAPICalled' && ['error', 'warning', 'assert'].includes(params.type)) {
      this.console.push({
        source: params.stackTrace?.callFrames?.[0]?.url || workerUrl,
        level: params.type === 'warning' ? 'warning' : 'error',
        text: (params.args ?? []).map(remoteObjectText).join(' '),
      });
    } else if (method === 'Runtime.exceptionThrown') {
      const details = params.exceptionDetails ?? {};
      this.console.push({
        source: details.url || workerUrl,
        level: 'exception',
        text: details.exception?.description ?? details.text ?? 'exception',
      });
    } else if (method === 'Log.entryAdded' && ['error', 'warning'].includes(params.entry?.level)) {
      this.console.push({
        source: params.entry.url || workerUrl,
        level: params.entry.level === 'warning' ? 'warning' : 'error',
        text: params.entry.text ?? '',
      });
    }
  }

  private async targets(): Promise<TargetInfo[]> {
    return ((await this.cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] }).targetInfos;
  }

  async isRunning(): Promise<boolean> {
    return (await this.targets()).some((t) => this.isOurWorker(t));
  }

  /** A session on the running worker, or undefined if none runs. */
  private async runningWorker(): Promise<TargetSession | undefined> {
    const target = (await this.targets()).find((t) => this.isOurWorker(t));
    return target ? this.attachWorker(target.targetId) : undefined;
  }

  async stop(): Promise<void> {
    let targets = await this.targets();
    let page = targets.find((t) => t.type === 'page');
    if (!page) {
      const { targetId } = await this.cdp.send('Target.createTarget', { url: 'about:blank' });
      targets = await this.targets();
      page = targets.find((t) => t.targetId === targetId);
      if (!page) throw new Error('Could not open a page for the ServiceWorker domain');
    }
    const session = await this.attach(page.targetId);
    try {
      const status = new Map<string, string>(); // versionId -> runningStatus, for our registration
      const changed: (() => void)[] = [];
      session.onMessage(({ method, params }) => {
        if (method !== 'ServiceWorker.workerVersionUpdated') return;
        for (const version of params.versions as { versionId: string; scriptURL: string; runningStatus: string }[]) {
          if (version.scriptURL.startsWith(`${this.extensionOrigin}/`)) status.set(version.versionId, version.runningStatus);
        }
        for (const notify of changed.splice(0)) notify();
      });
      const until = async (done: () => boolean, what: string, timeoutMs = 10_000) => {
        const deadline = Date.now() + timeoutMs;
        while (!done()) {
          if (Date.now() > deadline) throw new Error(`stopBackground: timed out waiting for ${what} (${JSON.stringify([...status])})`);
          await Promise.race([new Promise<void>((resolve) => changed.push(resolve)), sleep(100)]);
        }
      };
      await session.send('ServiceWorker.enable');
      // The current versions arrive as events right after enable.
      await until(() => status.size > 0, 'the worker versions', 3000).catch(() => {});
      if (status.size === 0 && (await this.isRunning())) throw new Error('stopBackground: the running worker reported no version');
      const running = () => [...status].filter(([, s]) => s !== 'stopped').map(([id]) => id);
      for (const versionId of running()) await session.send('ServiceWorker.stopWorker', { versionId });
      await until(() => running().length === 0, "the service worker's runningStatus 'stopped'");
      await session.send('ServiceWorker.disable').catch(() => {});
    } finally {
      await this.detach(session);
    }
  }

  async memory(): Promise<BackgroundMemory | null> {
    const worker = await this.runningWorker();
    if (!worker) return null;
    await worker.send('HeapProfiler.collectGarbage');
    const heap = await worker.send<{ usedSize: number; totalSize: number }>('Runtime.getHeapUsage');
    return {
      usedBytes: heap.usedSize,
      totalBytes: heap.totalSize,
      what: 'service worker JS heap (CDP Runtime.getHeapUsage after HeapProfiler.collectGarbage)',
    };
  }

  async evaluate(expression: string): Promise<unknown> {
    const worker = await this.runningWorker();
    if (!worker) throw new Error('evaluateInBackground: the service worker is not running');
    const answer = await worker.send<{ result: any; exceptionDetails?: any }>('Runtime.evaluate', {
      expression,
      awaitPromise: true,
      returnByValue: true,
    });
    if (answer.exceptionDetails) {
      throw new Error(`evaluateInBackground: ${answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text}`);
    }
    return answer.result?.value;
  }
}
