// A WHEP camera for tests: an HTTP endpoint on loopback that speaks WHEP (POST an SDP offer,
// 201 with the answer and a session Location, DELETE to end; CORS as intranet WHEP servers
// answer a page from another origin), whose video comes from a real WebRTC peer: a page in a
// Chromium of its own drawing a moving test card on a canvas. Like a camera's WHEP server, that
// peer shows its real host addresses (no mDNS names), so the wall's browser can reach it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumArgs } from '../../playwright.config';

export interface WhepEndpoint {
  /** The endpoint's URL for camera `id` (any id answers). */
  url(id: string): string;
  readonly origin: string;
  /** Sessions answered so far, and the session paths DELETEd. */
  readonly offers: number;
  readonly deleted: string[];
  /** The camera dies: every session is closed and new offers get 503. */
  cut(): Promise<void>;
  /** The camera is back: offers are answered again. */
  restore(): void;
  /** The picture freezes (an encoder that hangs): no frames are sent, the sessions stay up. */
  freeze(frozen: boolean): Promise<void>;
  /** Open sessions as the publishing peer sees them. */
  openSessions(): Promise<number>;
  stop(): Promise<void>;
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'POST, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type',
  'Access-Control-Expose-Headers': 'Location',
};

/** The publishing peer: a 320×240 canvas that changes every frame, sent to each session. */
const PUBLISHER = `
  const canvas = document.createElement('canvas');
  canvas.width = 320; canvas.height = 240;
  document.body.append(canvas);
  const ctx = canvas.getContext('2d');
  let n = 0;
  window.frozen = false;
  setInterval(() => {
    // A frozen camera: the canvas stops changing, so no frames are sent; the connection holds.
    if (window.frozen) return;
    n++;
    ctx.fillStyle = 'hsl(' + (n * 7) % 360 + ' 70% 45%)';
    ctx.fillRect(0, 0, 320, 240);
    ctx.fillStyle = '#fff';
    ctx.font = '48px sans-serif';
    ctx.fillText(String(n), 20, 140);
  }, 40);
  const stream = canvas.captureStream(25);
  const sessions = new Map();
  window.answer = async (id, offer) => {
    const pc = new RTCPeerConnection({ iceServers: [] });
    sessions.set(id, pc);
    await pc.setRemoteDescription({ type: 'offer', sdp: offer });
    // After the offer, addTrack takes the offered (recvonly) video transceiver: a sendonly answer.
    for (const track of stream.getVideoTracks()) pc.addTrack(track, stream);
    await pc.setLocalDescription(await pc.createAnswer());
    // No trickle in WHEP: the answer carries every candidate.
    await new Promise((done) => {
      if (pc.iceGatheringState === 'complete') return done();
      pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && done());
      setTimeout(done, 3000);
    });
    return pc.localDescription.sdp;
  };
  window.end = (id) => { sessions.get(id)?.close(); sessions.delete(id); };
  window.endAll = () => { for (const pc of sessions.values()) pc.close(); sessions.clear(); };
  window.openCount = () => [...sessions.values()].filter((pc) => pc.connectionState !== 'closed').length;
`;

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (text += d));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

export async function startWhepEndpoint(): Promise<WhepEndpoint> {
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: chromiumArgs('WebRtcHideLocalIpsWithMdns'),
  });
  const publisher: Page = await browser.newPage();
  await publisher.setContent('<!doctype html><title>WHEP test camera</title>');
  await publisher.addScriptTag({ content: PUBLISHER });
  let offers = 0;
  let down = false;
  const deleted: string[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method === 'OPTIONS') return void res.writeHead(204, CORS).end();
    const offer = path.match(/^\/whep\/([\w-]+)$/);
    if (req.method === 'POST' && offer) {
      if (req.headers['content-type'] !== 'application/sdp') return void res.writeHead(415, CORS).end('offer must be application/sdp');
      const sdp = await body(req);
      if (down) return void res.writeHead(503, CORS).end('camera offline');
      const id = `s${++offers}`;
      const answer = await publisher.evaluate(([i, o]) => (window as any).answer(i, o), [id, sdp] as const);
      res.writeHead(201, { ...CORS, 'Content-Type': 'application/sdp', Location: `/whep/${offer[1]}/sessions/${id}` });
      return void res.end(answer);
    }
    const session = path.match(/^\/whep\/[\w-]+\/sessions\/(\w+)$/);
    if (req.method === 'DELETE' && session) {
      deleted.push(path);
      await publisher.evaluate((i) => (window as any).end(i), session[1]);
      return void res.writeHead(200, CORS).end();
    }
    res.writeHead(404, CORS).end();
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) res.writeHead(500, CORS);
      res.end(String(err));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    url: (id) => `${origin}/whep/${id}`,
    get offers() {
      return offers;
    },
    deleted,
    async cut() {
      down = true;
      await publisher.evaluate(() => (window as any).endAll());
    },
    restore() {
      down = false;
    },
    freeze: (frozen) => publisher.evaluate((f) => void ((window as any).frozen = f), frozen),
    openSessions: () => publisher.evaluate(() => (window as any).openCount() as number),
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await browser.close();
    },
  };
}
