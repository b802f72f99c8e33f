// A client of upsd's network protocol (NUT, TCP 3493): one persistent connection, requests
// answered in order, LIST UPS / LIST VAR / GET VAR, USERNAME / PASSWORD / LOGIN and STARTTLS.
// Replies are checked strictly: anything that is not the protocol (garbage, a truncated list,
// an over-long line) fails the connection with a SourceError instead of being guessed at.
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { SourceError } from './polled-source';

/** Longest line we accept; upsd's own limit is far below it. */
const MAX_LINE = 8_192;
/** Most lines in one LIST reply. */
const MAX_LIST_LINES = 10_000;

/**
 * A command as errors and logs may show it: the verb and its first word, except PASSWORD, whose
 * argument is the password itself (an error ends up in the tile every client sees).
 */
function shownCommand(command: string): string {
  const words = command.split(' ');
  return words[0] === 'PASSWORD' ? 'PASSWORD' : words.slice(0, 2).join(' ');
}

/** upsd answered "ERR <code>". */
export class NutError extends Error {
  /** The command refused, as it may be shown (see shownCommand). */
  readonly command: string;

  constructor(
    readonly code: string,
    command: string,
  ) {
    super(`upsd refused "${shownCommand(command)}": ERR ${code}`);
    this.name = 'NutError';
    this.command = shownCommand(command);
  }
}

/** Splits a protocol line into words; "quoted values" may hold spaces and \" or \\ escapes. */
export function splitNutLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    if (line[i] === ' ') {
      i++;
      continue;
    }
    if (line[i] === '"') {
      let s = '';
      i++;
      for (;;) {
        if (i >= line.length) throw new SourceError('error', 'protocol', `upsd sent an unterminated quoted value: ${preview(line)}`);
        const c = line[i];
        if (c === '\\' && i + 1 < line.length) {
          s += line[i + 1];
          i += 2;
        } else if (c === '"') {
          i++;
          break;
        } else {
          s += c;
          i++;
        }
      }
      out.push(s);
    } else {
      let j = i;
      while (j < line.length && line[j] !== ' ') j++;
      out.push(line.slice(i, j));
      i = j;
    }
  }
  return out;
}

/** Quotes a value for a command (SET VAR, PASSWORD with spaces). */
export function quoteNut(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function preview(s: string): string {
  const clean = s.replace(/[^\x20-\x7e]/g, '?');
  return JSON.stringify(clean.length > 60 ? `${clean.slice(0, 60)}…` : clean);
}

interface Pending {
  command: string;
  list: boolean;
  started: boolean;
  lines: string[];
  resolve(lines: string[]): void;
  reject(err: Error): void;
}

export interface NutEndpoint {
  host: string;
  port: number;
}

export class NutConnection {
  private socket: Socket | TLSSocket;
  private buffer = '';
  private readonly pending: Pending[] = [];
  private dead: Error | null = null;
  private readonly where: string;
  private readonly onData = (d: Buffer): void => this.receive(d);
  private readonly onClose = (): void => this.kill(new SourceError('offline', 'closed', `upsd at ${this.where} closed the connection`));
  private readonly onError = (err: NodeJS.ErrnoException): void =>
    this.kill(new SourceError('offline', err.code ?? 'socket', `upsd at ${this.where}: ${err.message}`));

  private constructor(socket: Socket, endpoint: NutEndpoint) {
    this.socket = socket;
    this.where = `${endpoint.host}:${endpoint.port}`;
    this.attach(socket);
  }

  /** Opens the TCP connection (no TLS yet: see startTls). */
  static open(endpoint: NutEndpoint): Promise<NutConnection> {
    return new Promise((resolve, reject) => {
      const socket = netConnect({ host: endpoint.host, port: endpoint.port });
      socket.setNoDelay(true);
      const fail = (err: NodeJS.ErrnoException): void => {
        socket.destroy();
        reject(new SourceError('offline', err.code ?? 'connect', `cannot reach upsd at ${endpoint.host}:${endpoint.port}: ${err.message}`));
      };
      socket.once('error', fail);
      socket.once('connect', () => {
        socket.off('error', fail);
        resolve(new NutConnection(socket, endpoint));
      });
    });
  }

  /**
   * STARTTLS, then a TLS handshake on the same socket. Refuses to go on in clear: if upsd does
   * not offer TLS the caller gets an error and no credentials have been sent.
   */
  async startTls(opts: { servername: string; ca?: string; insecure: boolean }): Promise<void> {
    try {
      const [reply] = await this.request('STARTTLS', false);
      if (reply !== 'OK STARTTLS') throw new SourceError('error', 'protocol', `upsd at ${this.where} answered STARTTLS with ${preview(reply)}`);
    } catch (err) {
      if (err instanceof NutError)
        throw new SourceError('error', 'starttls', `upsd at ${this.where} cannot start TLS (ERR ${err.code}); refusing to continue in clear`);
      throw err;
    }
    const plain = this.socket as Socket;
    this.detach(plain);
    const secure = await new Promise<TLSSocket>((resolve, reject) => {
      const s = tlsConnect({
        socket: plain,
        // The certificate is checked against the configured host; an IP literal cannot be an SNI name.
        host: opts.servername,
        servername: /^[\d.:]+$/.test(opts.servername) ? undefined : opts.servername,
        ca: opts.ca,
        rejectUnauthorized: !opts.insecure,
      });
      s.once('secureConnect', () => {
        s.off('error', onErr);
        resolve(s);
      });
      const onErr = (err: Error): void => {
        s.destroy();
        reject(new SourceError('error', 'tls', `TLS with upsd at ${this.where} failed: ${err.message}`));
      };
      s.once('error', onErr);
    });
    this.socket = secure;
    this.attach(secure);
  }

  async authenticate(username: string, password: string | undefined): Promise<void> {
    await this.okOrThrow(`USERNAME ${username}`);
    if (password !== undefined && password !== '') await this.okOrThrow(`PASSWORD ${quoteNut(password)}`);
  }

  /** Registers as a monitor of the UPS (counts in upsd's NUMLOGINS). */
  async login(ups: string): Promise<void> {
    await this.okOrThrow(`LOGIN ${ups}`);
  }

  async listUps(): Promise<{ name: string; description: string }[]> {
    const lines = await this.request('LIST UPS', true);
    return lines.map((l) => {
      const w = splitNutLine(l);
      if (w[0] !== 'UPS' || w.length < 2) throw new SourceError('error', 'protocol', `unexpected line in LIST UPS from ${this.where}: ${preview(l)}`);
      return { name: w[1], description: w[2] ?? '' };
    });
  }

  async listVars(ups: string): Promise<Map<string, string>> {
    const lines = await this.request(`LIST VAR ${ups}`, true);
    const vars = new Map<string, string>();
    for (const l of lines) {
      const w = splitNutLine(l);
      if (w[0] !== 'VAR' || w[1] !== ups || w.length !== 4)
        throw new SourceError('error', 'protocol', `unexpected line in LIST VAR from ${this.where}: ${preview(l)}`);
      vars.set(w[2], w[3]);
    }
    return vars;
  }

  async getVar(ups: string, name: string): Promise<string> {
    const [line] = await this.request(`GET VAR ${ups} ${name}`, false);
    const w = splitNutLine(line);
    if (w[0] !== 'VAR' || w[1] !== ups || w[2] !== name || w.length !== 4)
      throw new SourceError('error', 'protocol', `unexpected answer to GET VAR from ${this.where}: ${preview(line)}`);
    return w[3];
  }

  /** SET VAR (needs an account with "actions = SET"); used by tools and tests. */
  async setVar(ups: string, name: string, value: string): Promise<void> {
    await this.okOrThrow(`SET VAR ${ups} ${name} ${quoteNut(value)}`);
  }

  close(): void {
    this.kill(new SourceError('offline', 'closed', `connection to upsd at ${this.where} closed`));
  }

  private async okOrThrow(command: string): Promise<void> {
    const [reply] = await this.request(command, false);
    if (!reply.startsWith('OK')) throw new SourceError('error', 'protocol', `upsd at ${this.where} answered ${command.split(' ')[0]} with ${preview(reply)}`);
  }

  /** Sends one command; resolves with its reply line, or the body lines of a LIST. */
  request(command: string, list: boolean): Promise<string[]> {
    if (this.dead) return Promise.reject(this.dead);
    if (/[\r\n]/.test(command)) return Promise.reject(new Error('a NUT command is one line'));
    return new Promise((resolve, reject) => {
      this.pending.push({ command, list, started: false, lines: [], resolve, reject });
      this.socket.write(`${command}\n`);
    });
  }

  private attach(s: Socket | TLSSocket): void {
    s.setEncoding('utf8');
    s.on('data', this.onData);
    s.on('close', this.onClose);
    s.on('error', this.onError);
  }

  private detach(s: Socket | TLSSocket): void {
    s.off('data', this.onData);
    s.off('close', this.onClose);
    s.off('error', this.onError);
  }

  private receive(chunk: Buffer | string): void {
    this.buffer += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl).replace(/\r$/, '');
      this.buffer = this.buffer.slice(nl + 1);
      this.line(line);
      if (this.dead) return;
    }
    if (this.buffer.length > MAX_LINE) this.kill(new SourceError('error', 'protocol', `upsd at ${this.where} sent a line over ${MAX_LINE} bytes`));
  }

  private line(line: string): void {
    const head = this.pending[0];
    if (!head) {
      this.kill(new SourceError('error', 'protocol', `upsd at ${this.where} sent ${preview(line)} unasked`));
      return;
    }
    if (line.startsWith('ERR ') && !head.started) {
      this.pending.shift();
      head.reject(new NutError(line.slice(4).split(' ')[0], head.command));
      return;
    }
    if (!head.list) {
      this.pending.shift();
      head.resolve([line]);
      return;
    }
    const listOf = head.command.slice('LIST '.length);
    if (!head.started) {
      if (line !== `BEGIN LIST ${listOf}`) {
        this.kill(new SourceError('error', 'protocol', `upsd at ${this.where} answered ${head.command} with ${preview(line)}`));
        return;
      }
      head.started = true;
      return;
    }
    if (line === `END LIST ${listOf}`) {
      this.pending.shift();
      head.resolve(head.lines);
      return;
    }
    head.lines.push(line);
    if (head.lines.length > MAX_LIST_LINES)
      this.kill(new SourceError('error', 'protocol', `upsd at ${this.where} sent more than ${MAX_LIST_LINES} lines for ${head.command}`));
  }

  /** Fails every request in flight (a truncated reply ends here) and closes the socket. */
  private kill(err: Error): void {
    if (this.dead) return;
    this.dead = err;
    for (const p of this.pending.splice(0)) p.reject(err);
    this.socket.destroy();
  }
}
