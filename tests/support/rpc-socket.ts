// A minimal JSON-RPC client over ws for tests: raw enough to send malformed messages too.
import WebSocket from 'ws';

export interface TestSocket {
  ws: WebSocket;
  call(method: string, params?: unknown): Promise<{ result?: any; error?: { code: number; message: string } }>;
  sendRaw(text: string): Promise<any>;
  nextNotification(method: string, timeoutMs?: number): Promise<any>;
  close(): void;
}

export function connect(url: string, headers: Record<string, string> = {}): Promise<TestSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    let nextId = 1;
    const pending = new Map<number, (msg: any) => void>();
    const raw: ((msg: any) => void)[] = [];
    const notes: any[] = [];
    const noteWaiters: { method: string; resolve: (p: any) => void }[] = [];
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString());
      if (!Array.isArray(msg) && msg.method && msg.id === undefined) {
        const i = noteWaiters.findIndex((w) => w.method === msg.method);
        if (i >= 0) noteWaiters.splice(i, 1)[0].resolve(msg.params);
        else notes.push(msg);
        return;
      }
      if (!Array.isArray(msg) && typeof msg.id === 'number' && pending.has(msg.id)) {
        pending.get(msg.id)!(msg);
        pending.delete(msg.id);
        return;
      }
      raw.shift()?.(msg);
    });
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('open', () =>
      resolve({
        ws,
        call(method, params = {}) {
          const id = nextId++;
          return new Promise((r) => {
            pending.set(id, r);
            ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
          });
        },
        sendRaw(text) {
          return new Promise((r) => {
            raw.push(r);
            ws.send(text);
          });
        },
        nextNotification(method, timeoutMs = 3000) {
          const i = notes.findIndex((n) => n.method === method);
          if (i >= 0) return Promise.resolve(notes.splice(i, 1)[0].params);
          return new Promise((res, rej) => {
            const t = setTimeout(() => rej(new Error(`no ${method} notification within ${timeoutMs} ms`)), timeoutMs);
            noteWaiters.push({ method, resolve: (p) => (clearTimeout(t), res(p)) });
          });
        },
        close: () => ws.close(),
      }),
    );
  });
}
