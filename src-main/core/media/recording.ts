// Recordings of the sfu consultations: Janus's VideoRoom writes every publisher's streams as .mjr
// files into <dataDir>/recordings/<consultationId>/ (room `record`/`rec_dir`, sfu.ts); here they are
// listed, and made playable once the consultation has ended (and, for one whose hub died mid-call,
// at the next start): per site and publishing session, `janus-pp-rec` turns the video and the audio
// .mjr into .webm and .opus, and ffmpeg muxes the two into `<feed>-<start µs>.webm` (stream copy,
// no re-encoding). A sidecar `<stem>.json` (duration, size, streams) marks it ready; `<stem>.failed`
// holds why it could not be made. Both are written after the file itself, by rename, so a hub
// killed while processing leaves only temporary files, and the session is processed again.
// Child processes are run with argument arrays (no shell); one session at a time, to spare the CPU.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Log } from '../capability';
import type { Recording, RecordingStatus } from '../contract/media';
import type { ConsultationsView } from '../shared/links';

const PP_REC = '/usr/bin/janus-pp-rec';
const FFMPEG = 'ffmpeg';
const FFPROBE = 'ffprobe';
/** One step (a janus-pp-rec or ffmpeg run) may take this long before it is killed. */
const STEP_TIMEOUT_MS = 10 * 60_000;
/** A publisher's audio and video recorders are made a few ms apart: files of one feed this close belong to one session. */
const SESSION_GAP_US = 5_000_000;
const CONSULTATION_DIR = /^cs_[A-Za-z0-9_-]{4,60}$/;
/** What Janus names a recorder file (1.x: …-<type>-<mindex>.mjr). */
const MJR = /^videoroom-(.+)-user-(.+)-(\d{13,17})-(audio|video|data)(?:-(\d+))?\.mjr$/;
/** What this module names a playable file (the only names the download route serves). */
export const PLAYABLE = /^((?:district|[a-z]{2,20}|dept-[a-z0-9-]{1,30})\.(?:A|B))-(\d{13,17})\.webm$/;

interface Session {
  stem: string;
  feed: string;
  startUs: number;
  video: string | null;
  audio: string | null;
}

interface Made {
  durationMs: number;
  size: number;
  video: boolean;
  audio: boolean;
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: STEP_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024, killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd.split('/').pop()} failed: ${(stderr || err.message).trim().split('\n').slice(-2).join(' ').slice(0, 300)}`));
      else resolve(stdout);
    });
  });
}

async function probe(file: string): Promise<{ durationMs: number; video: boolean; audio: boolean }> {
  const out = JSON.parse(await run(FFPROBE, ['-v', 'error', '-show_entries', 'format=duration:stream=codec_type', '-of', 'json', file])) as {
    format?: { duration?: string };
    streams?: { codec_type?: string }[];
  };
  const kinds = new Set((out.streams ?? []).map((s) => s.codec_type));
  return { durationMs: Math.round(Number(out.format?.duration ?? 0) * 1000), video: kinds.has('video'), audio: kinds.has('audio') };
}

export interface RecordingsDeps {
  /** <dataDir>/recordings */
  root: string;
  log: Log;
  consultations: ConsultationsView;
  /** A consultation's recordings changed (media.recordingsChanged). */
  changed(consultationId: string): void;
}

export class Recordings {
  private queue: Promise<void> = Promise.resolve();
  /** Stems queued or being processed, per consultation. */
  private readonly busy = new Map<string, Set<string>>();
  private closed = false;

  constructor(private readonly deps: RecordingsDeps) {}

  /** The consultation's folder (made, 0700), where Janus writes its room's recordings. */
  folder(consultationId: string): string {
    if (!CONSULTATION_DIR.test(consultationId)) throw new Error(`not a consultation id: ${consultationId}`);
    const dir = join(this.deps.root, consultationId);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return dir;
  }

  /** The absolute path of a ready playable file of a consultation, or null (a name of any other shape is never resolved). */
  playable(consultationId: string, file: string): string | null {
    if (!CONSULTATION_DIR.test(consultationId) || !PLAYABLE.test(file)) return null;
    const dir = join(this.deps.root, consultationId);
    const stem = file.slice(0, -'.webm'.length);
    return existsSync(join(dir, `${stem}.json`)) && existsSync(join(dir, file)) ? join(dir, file) : null;
  }

  list(consultationId: string): Recording[] {
    if (!CONSULTATION_DIR.test(consultationId)) return [];
    const dir = join(this.deps.root, consultationId);
    if (!existsSync(dir)) return [];
    const live = this.deps.consultations.get(consultationId)?.live ?? false;
    const busy = this.busy.get(consultationId);
    return this.sessions(consultationId).map((s): Recording => {
      const [participantId, link] = s.feed.split('.') as [string, 'A' | 'B'];
      const made = this.made(dir, s.stem);
      const failed = made ? null : this.failure(dir, s.stem);
      const status: RecordingStatus = made ? 'ready' : failed !== null ? 'failed' : live && !busy?.has(s.stem) ? 'recording' : 'processing';
      return {
        id: s.stem,
        participantId,
        link,
        startedAt: Math.floor(s.startUs / 1000),
        status,
        durationMs: made?.durationMs ?? null,
        size: made?.size ?? null,
        video: made?.video ?? s.video !== null,
        audio: made?.audio ?? s.audio !== null,
        error: failed,
        url: made ? `/recordings/${consultationId}/${s.stem}.webm` : null,
      };
    });
  }

  /** Makes every session of the consultation playable that is not yet (one at a time, queued). */
  process(consultationId: string): Promise<void> {
    const todo = this.sessions(consultationId).filter((s) => {
      const dir = join(this.deps.root, consultationId);
      return !this.made(dir, s.stem) && this.failure(dir, s.stem) === null && !this.busy.get(consultationId)?.has(s.stem);
    });
    if (todo.length === 0) return this.queue;
    const busy = this.busy.get(consultationId) ?? new Set<string>();
    this.busy.set(consultationId, busy);
    for (const s of todo) busy.add(s.stem);
    this.deps.changed(consultationId);
    const run = async (): Promise<void> => {
      for (const s of todo) {
        if (this.closed) return;
        try {
          await this.make(consultationId, s);
        } catch (err) {
          this.deps.log.warn(`[media] recording ${consultationId}/${s.stem}: ${(err as Error).message}`);
          writeFileSync(join(this.deps.root, consultationId, `${s.stem}.failed`), (err as Error).message, { mode: 0o600 });
        } finally {
          busy.delete(s.stem);
          this.deps.changed(consultationId);
        }
      }
    };
    this.queue = this.queue.then(run, run);
    return this.queue;
  }

  /** At start: every consultation folder whose consultation is no longer live (its hub died, or it ended meanwhile) is processed. */
  recover(): void {
    if (!existsSync(this.deps.root)) return;
    for (const id of readdirSync(this.deps.root)) {
      if (!CONSULTATION_DIR.test(id) || this.deps.consultations.get(id)?.live) continue;
      void this.process(id);
    }
  }

  /** Stops after the session in work (its temporary files are made again at the next start). */
  close(): Promise<void> {
    this.closed = true;
    return this.queue;
  }

  private made(dir: string, stem: string): Made | null {
    try {
      return JSON.parse(readFileSync(join(dir, `${stem}.json`), 'utf8')) as Made;
    } catch {
      return null;
    }
  }

  private failure(dir: string, stem: string): string | null {
    try {
      return readFileSync(join(dir, `${stem}.failed`), 'utf8').slice(0, 500);
    } catch {
      return null;
    }
  }

  /** The consultation's publishing sessions: each feed's .mjr files, grouped by start time. */
  private sessions(consultationId: string): Session[] {
    const dir = join(this.deps.root, consultationId);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return [];
    }
    const files = names
      .map((name) => ({ name, m: MJR.exec(name) }))
      .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null && x.m[1] === consultationId && x.m[4] !== 'data')
      .map(({ name, m }) => ({ name, feed: m[2], us: Number(m[3]), kind: m[4] as 'audio' | 'video' }))
      .filter((f) => /^(district|[a-z]{2,20}|dept-[a-z0-9-]{1,30})\.(A|B)$/.test(f.feed))
      .sort((a, b) => a.feed.localeCompare(b.feed) || a.us - b.us);
    const out: Session[] = [];
    for (const f of files) {
      let s = out.at(-1);
      if (!s || s.feed !== f.feed || f.us - s.startUs > SESSION_GAP_US || s[f.kind] !== null) {
        s = { stem: `${f.feed}-${f.us}`, feed: f.feed, startUs: f.us, video: null, audio: null };
        out.push(s);
      }
      s[f.kind] = join(dir, f.name);
    }
    return out;
  }

  private async make(consultationId: string, s: Session): Promise<void> {
    const dir = join(this.deps.root, consultationId);
    const tmp = (ext: string): string => join(dir, `.${s.stem}.${ext}`);
    const parts: string[] = [];
    const t0 = performance.now();
    const steps: string[] = [];
    try {
      const inputs: string[] = [];
      if (s.video) {
        parts.push(tmp('video.webm'));
        await run(PP_REC, ['-d', '2', s.video, tmp('video.webm')]);
        steps.push(`video ${Math.round(performance.now() - t0)}`);
        inputs.push(tmp('video.webm'));
      }
      if (s.audio) {
        parts.push(tmp('audio.opus'));
        await run(PP_REC, ['-d', '2', s.audio, tmp('audio.opus')]);
        steps.push(`audio ${Math.round(performance.now() - t0)}`);
        inputs.push(tmp('audio.opus'));
      }
      if (inputs.length === 0) throw new Error('no audio or video recorded');
      const out = tmp('part.webm');
      parts.push(out);
      const maps = inputs.flatMap((_, i) => ['-map', `${i}:${i === 0 && s.video ? 'v' : 'a'}:0`]);
      await run(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', ...inputs.flatMap((i) => ['-i', i]), ...maps, '-c', 'copy', '-f', 'webm', out]);
      steps.push(`mux ${Math.round(performance.now() - t0)}`);
      const p = await probe(out);
      const made: Made = { ...p, size: statSync(out).size };
      renameSync(out, join(dir, `${s.stem}.webm`));
      writeFileSync(join(dir, `.${s.stem}.json`), JSON.stringify(made), { mode: 0o600 });
      renameSync(join(dir, `.${s.stem}.json`), join(dir, `${s.stem}.json`));
      this.deps.log.info(
        `[media] recording ${consultationId}/${s.stem}.webm ready (${made.durationMs} ms, ${made.size} bytes; made in ${Math.round(performance.now() - t0)} ms: ${steps.join(', ')})`,
      );
    } finally {
      for (const p of parts) rmSync(p, { force: true });
    }
  }
}
