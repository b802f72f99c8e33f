// A real RTSP camera on loopback for the media tests: Debian's rtsp-server-perl (RTSP::Server) as
// the camera's server, and ffmpeg publishing a test pattern to it (`-f rtsp`, ANNOUNCE/RECORD over
// UDP), since ffmpeg cannot serve RTSP itself. `stopSource` kills ffmpeg (the camera stops
// sending), `startSource` publishes again. Used by tests/unit/media and tests/e2e/cameras-rtsp.spec.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freeTcpPort } from '../../support/free-port';

export const RTSP_SERVER = '/usr/bin/rtsp-server-perl';
export const FFMPEG = '/usr/bin/ffmpeg';

export interface RtspSource {
  /** What a camera's URL is: rtsp://127.0.0.1:<port>/<path>. */
  url: string;
  startSource(): Promise<void>;
  stopSource(): Promise<void>;
  stop(): Promise<void>;
}

/** Why the source cannot run here, or null. */
export function rtspSourceMissing(): string | null {
  for (const bin of [RTSP_SERVER, FFMPEG]) if (!existsSync(bin)) return `${bin} is not installed (scripts/system-packages.mjs lists its package)`;
  return null;
}

function ended(p: ChildProcess): Promise<void> {
  return new Promise((resolve) => (p.exitCode !== null || p.signalCode !== null ? resolve() : p.once('exit', () => resolve())));
}

export async function startRtspSource(path = 'cam1'): Promise<RtspSource> {
  const clientPort = await freeTcpPort();
  const sourcePort = await freeTcpPort();
  // The server's own RTP ports (one pair per stream and client), away from other tests' ports.
  const rtpStart = 41000 + 2 * Math.floor(Math.random() * 4000);
  const server = spawn(
    RTSP_SERVER,
    [
      '--clientport',
      String(clientPort),
      '--serverport',
      String(sourcePort),
      '--client_listen_address',
      '127.0.0.1',
      '--source_listen_address',
      '127.0.0.1',
      '--rtp_start_port',
      String(rtpStart),
      '--loglevel',
      '1',
    ],
    { stdio: 'ignore' },
  );
  // Listening once a TCP connect succeeds.
  const { connect } = await import('node:net');
  const deadline = Date.now() + 10_000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const s = connect(sourcePort, '127.0.0.1', () => (s.destroy(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline || server.exitCode !== null) throw new Error('rtsp-server-perl did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  let ffmpeg: ChildProcess | null = null;
  const startSource = async (): Promise<void> => {
    if (ffmpeg) return;
    // 320×240 at 15 fps, a keyframe every 0.5 s (a new viewer waits at most that long for a picture),
    // SPS/PPS repeated before each keyframe as cameras send them (dump_extra): a browser does not
    // reliably start decoding from the SDP's sprop-parameter-sets alone (seen here: no picture until
    // a later session, 19 s on).
    ffmpeg = spawn(
      FFMPEG,
      [
        ...['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=15'],
        ...[
          '-c:v',
          'libx264',
          '-preset',
          'ultrafast',
          '-tune',
          'zerolatency',
          '-profile:v',
          'baseline',
          '-pix_fmt',
          'yuv420p',
          '-g',
          '8',
          '-bf',
          '0',
          '-bsf:v',
          'dump_extra',
        ],
        ...['-f', 'rtsp', '-rtsp_transport', 'udp', `rtsp://127.0.0.1:${sourcePort}/${path}`],
      ],
      { stdio: 'ignore' },
    );
    await new Promise((r) => setTimeout(r, 500));
  };
  const stopSource = async (): Promise<void> => {
    const p = ffmpeg;
    ffmpeg = null;
    if (!p) return;
    p.kill('SIGKILL');
    await ended(p);
  };
  await startSource();
  return {
    url: `rtsp://127.0.0.1:${clientPort}/${path}`,
    startSource,
    stopSource,
    async stop() {
      await stopSource();
      server.kill('SIGKILL');
      await ended(server);
    },
  };
}
