// This site's own media for a consultation: camera and microphone (the devices chosen, the
// tracks swapped in every connection when they change) and screen share in the camera's place.
import type { Capture } from './endpoint-config';
import type { Device, EndpointCore } from './endpoint-view';
import type { RemoteParticipant } from './remote';

export class LocalMedia {
  private out: MediaStream | null = null;
  private camera: MediaStreamTrack | null = null;
  private screen: MediaStreamTrack | null = null;

  constructor(
    private readonly core: EndpointCore,
    private readonly capture: Capture,
    /** The remotes whose connections carry our tracks. */
    private readonly remotes: () => RemoteParticipant[],
  ) {}

  /** The stream every connection sends (null before the camera starts or after hanging up). */
  get stream(): MediaStream | null {
    return this.out;
  }

  mute(on: boolean): void {
    this.out?.getAudioTracks().forEach((t) => (t.enabled = !on));
  }

  cameraOff(on: boolean): void {
    this.out?.getVideoTracks().forEach((t) => (t.enabled = !on));
  }

  /** Starts camera and microphone once (with the devices chosen), or gives the stream already running. */
  async ensure(): Promise<MediaStream> {
    if (this.out) return this.out;
    const { width, height, frameRate, audio } = this.capture;
    const v = this.core.view();
    const video = {
      width: { ideal: width },
      height: { ideal: height },
      frameRate: { ideal: frameRate },
      ...(v.cameraId ? { deviceId: { exact: v.cameraId } } : {}),
    };
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video, audio: audio ? (v.micId ? { deviceId: { exact: v.micId } } : true) : false });
    } catch (err) {
      // No microphone (or it is busy): take part with the picture alone rather than not at all.
      if (!audio) throw err;
      this.core.log(`no microphone (${String(err)}): joining with video only`);
      stream = await navigator.mediaDevices.getUserMedia({ video, audio: false });
    }
    this.out = stream;
    this.camera = stream.getVideoTracks()[0] ?? null;
    stream.getAudioTracks().forEach((t) => (t.enabled = !v.muted));
    stream.getVideoTracks().forEach((t) => (t.enabled = !v.cameraOff));
    this.core.set({
      localStream: stream,
      cameraId: this.camera?.getSettings().deviceId ?? null,
      micId: stream.getAudioTracks()[0]?.getSettings().deviceId ?? null,
    });
    void this.listDevices();
    return stream;
  }

  /** Another camera or microphone: remembered for the next start, or swapped in at once. */
  async useDevices(cameraId: string | null, micId: string | null): Promise<void> {
    const v = this.core.view();
    if (!this.out) return this.core.set({ cameraId, micId });
    if (cameraId && cameraId !== v.cameraId) await this.useCamera(cameraId, v.cameraOff);
    if (micId && micId !== v.micId) await this.useMic(micId, v.muted);
  }

  /** Screen or window share in place of the camera (needs a click on this page: a user gesture). */
  async share(on: boolean): Promise<void> {
    if (!on) return this.stopShare();
    const display = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    const track = display.getVideoTracks()[0];
    if (!track) return;
    this.screen = track;
    track.onended = () => void this.stopShare();
    await this.swapVideo(track);
    this.core.set({ sharing: true });
  }

  /** Stops every local track (hanging up); the next join starts the camera again. */
  stop(): void {
    this.out?.getTracks().forEach((t) => t.stop());
    this.screen?.stop();
    this.out = this.camera = this.screen = null;
  }

  private async listDevices(): Promise<void> {
    const all = await navigator.mediaDevices.enumerateDevices().catch(() => []);
    const pick = (kind: MediaDeviceKind): Device[] =>
      all
        .filter((d) => d.kind === kind)
        .slice(0, 16)
        .map((d, i) => ({ id: d.deviceId, label: (d.label || `${kind} ${i + 1}`).slice(0, 200) }));
    this.core.set({ cameras: pick('videoinput'), mics: pick('audioinput') });
  }

  private async useCamera(cameraId: string, cameraOff: boolean): Promise<void> {
    const { width, height, frameRate } = this.capture;
    const s = await navigator.mediaDevices.getUserMedia({
      video: { deviceId: { exact: cameraId }, width: { ideal: width }, height: { ideal: height }, frameRate: { ideal: frameRate } },
    });
    const track = s.getVideoTracks()[0];
    track.enabled = !cameraOff;
    const old = this.camera;
    this.camera = track;
    if (!this.screen) await this.swapVideo(track);
    old?.stop();
    this.core.set({ cameraId });
  }

  private async useMic(micId: string, muted: boolean): Promise<void> {
    const s = await navigator.mediaDevices.getUserMedia({ audio: { deviceId: { exact: micId } } });
    const track = s.getAudioTracks()[0];
    track.enabled = !muted;
    const out = this.out!;
    const old = out.getAudioTracks()[0];
    if (old) out.removeTrack(old);
    out.addTrack(track);
    await Promise.all(this.remotes().map((r) => r.replaceAudio(track)));
    old?.stop();
    this.core.set({ micId });
  }

  private async swapVideo(track: MediaStreamTrack): Promise<void> {
    if (!this.out) return;
    const old = this.out.getVideoTracks()[0];
    if (old) this.out.removeTrack(old);
    this.out.addTrack(track);
    await Promise.all(this.remotes().map((r) => r.replaceVideo(track)));
  }

  private async stopShare(): Promise<void> {
    const s = this.screen;
    this.screen = null;
    s?.stop();
    if (this.camera) await this.swapVideo(this.camera);
    this.core.set({ sharing: false });
  }
}
