import { readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';

/** How the server answers pack files (`files/…`); catalogue.json, pack.json and pack.sig are always served, except with `error`. */
export type PackServerMode = 'serve' | 'error' | 'cut' | 'slow';

/**
 * A real static server on 127.0.0.1 for the update tests: serves `dir` under `/pack/` with
 * `Access-Control-Allow-Origin: *` (what a static host such as GitHub Pages sends), and logs every request with the
 * headers that could identify a reader. `mode` makes it fail as real hosts do: 500s, bodies cut short, slowness.
 */
export class PackServer {
  mode: PackServerMode = 'serve';
  readonly log: { method: string; url: string; cookie?: string; referer?: string; origin?: string }[] = [];
  private server?: http.Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(readonly dir: string) {}

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get url(): string {
    return `${this.origin}/pack/`;
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      this.log.push({ method: req.method ?? '', url: req.url ?? '', cookie: req.headers.cookie, referer: req.headers.referer, origin: req.headers.origin });
      const path = (req.url ?? '').replace(/^\/pack\//, '');
      const headers = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' };
      if (!/^(catalogue\.json|pack\.json|pack\.sig|files\/[0-9a-f]{32})$/.test(path)) {
        res.writeHead(404, headers).end();
        return;
      }
      if (this.mode === 'error') {
        res.writeHead(500, headers).end('server error');
        return;
      }
      let bytes: Buffer;
      try {
        if (!statSync(join(this.dir, path)).isFile()) throw new Error('not a file');
        bytes = readFileSync(join(this.dir, path));
      } catch {
        res.writeHead(404, headers).end();
        return;
      }
      const isFile = path.startsWith('files/');
      res.writeHead(200, { ...headers, 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes.length) });
      if (isFile && this.mode === 'cut') {
        res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
        setTimeout(() => res.socket?.destroy(), 50);
      } else if (isFile && this.mode === 'slow') {
        setTimeout(() => res.end(bytes), 1_500);
      } else {
        res.end(bytes);
      }
    });
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
