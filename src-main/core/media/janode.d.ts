// The part of Meetecho's janode (an ES module without types) that the media capability uses.
declare module 'janode' {
  import type { EventEmitter } from 'node:events';

  export interface JanodeHandle extends EventEmitter {
    readonly id: number;
    message(body: Record<string, unknown>, jsep?: { type: string; sdp: string }): Promise<JanusMessage>;
    detach(): Promise<void>;
  }
  export interface JanusMessage {
    janus: string;
    plugindata?: { plugin: string; data: Record<string, unknown> };
    jsep?: { type: string; sdp: string };
  }
  export interface JanodeSession extends EventEmitter {
    readonly id: number;
    attach<H extends JanodeHandle>(plugin: { id: string; Handle: new (...args: never[]) => H }): Promise<H>;
    destroy(): Promise<void>;
  }
  export interface JanodeConnection extends EventEmitter {
    create(keepAliveSeconds?: number): Promise<JanodeSession>;
    close(): Promise<void>;
  }
  interface ServerConfig {
    address: { url: string; apisecret?: string } | { url: string; apisecret?: string }[];
    retry_time_secs?: number;
    max_retries?: number;
  }
  const Janode: {
    connect(config: ServerConfig): Promise<JanodeConnection>;
    Logger: { setLevel(level: 'debug' | 'verb' | 'info' | 'warn' | 'error' | 'none'): string };
    EVENT: { CONNECTION_CLOSED: string; CONNECTION_ERROR: string; SESSION_DESTROYED: string; HANDLE_DETACHED: string; HANDLE_HANGUP: string };
  };
  export default Janode;
}

declare module 'janode/plugins/streaming' {
  import type { JanodeHandle } from 'janode';

  export interface StreamingHandle extends JanodeHandle {
    watch(p: { id: string | number; audio?: boolean; video?: boolean; data?: boolean }): Promise<{ status: string; jsep?: { type: 'offer'; sdp: string } }>;
    start(p: { jsep: { type: 'answer'; sdp: string } }): Promise<{ status: string }>;
    destroyMountpoint(p: { id: string | number; secret?: string }): Promise<unknown>;
  }
  const StreamingPlugin: { id: string; Handle: new (...args: never[]) => StreamingHandle; EVENT: Record<string, string> };
  export default StreamingPlugin;
}

declare module 'janode/plugins/videoroom' {
  import type { JanodeHandle } from 'janode';

  export type VideoRoomHandle = JanodeHandle;
  const VideoRoomPlugin: { id: string; Handle: new (...args: never[]) => VideoRoomHandle; EVENT: Record<string, string> };
  export default VideoRoomPlugin;
}
