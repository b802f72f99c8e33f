// GET /recordings/<consultationId>/<file>.webm: a consultation's recording, made playable by the
// media capability (core/media/recording.ts), served with Range (a <video> seeks). The request
// has passed the credential check; the caller's right is then checked as the core checks any call:
// media.listRecordings is dispatched as this caller (the bootstrap token or page session:
// unrestricted; an enrolled machine: its kind's rights, a street machine only its own street's
// recordings) and the file must be one it lists as ready. Only names of the one shape the media
// capability writes are looked at, and the file's real path must lie inside the recordings folder.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { mkdirSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { Core } from '../core/app';
import type { CallContext } from '../core/contract/define';
import { RpcError } from '../core/contract/errors';
import type { RecordingList } from '../core/contract/media';
import { PLAYABLE } from '../core/media/recording';
import type { Admission } from './rpc-socket';
import { peerOf } from './enrol-route';

const CONSULTATION = /^cs_[A-Za-z0-9_-]{4,60}$/;

export async function registerRecordingsRoute(
  app: FastifyInstance,
  deps: { core: Core; recordingsDir?: string; admissionOf(req: FastifyRequest): Admission | undefined },
): Promise<void> {
  const { core, recordingsDir } = deps;
  if (!recordingsDir) {
    app.get('/recordings/*', async (_req, reply) => reply.code(404).send({ error: 'this hub keeps no recordings' }));
    return;
  }
  // The static plugin wants its root to exist (the media engine may not have made it yet).
  mkdirSync(recordingsDir, { recursive: true, mode: 0o700 });
  let seq = 0;
  await app.register(async (scope) => {
    scope.addHook('preHandler', async (req, reply) => {
      const [consultationId, file, ...rest] = ((req.params as { '*'?: string })['*'] ?? '').split('/');
      if (rest.length > 0 || !CONSULTATION.test(consultationId ?? '') || !PLAYABLE.test(file ?? '')) return reply.code(404).send({ error: 'not found' });
      const admission = deps.admissionOf(req);
      if (!admission) return reply.code(401).send({ error: 'not admitted' });
      const base: CallContext = { transport: 'http', peer: peerOf(req) };
      const ctx: CallContext | null =
        admission.via === 'machine' ? ((m) => (m ? { ...base, ...m } : null))(core.identity.machineContext(`http-rec-${++seq}`, admission.machineId)) : base;
      if (!ctx) return reply.code(401).send({ error: 'this machine’s credential was revoked' });
      let list: RecordingList;
      try {
        list = (await core.dispatch('media.listRecordings', { consultationId }, ctx)) as RecordingList;
      } catch (err) {
        const status = err instanceof RpcError && err.code === -32003 ? 403 : 404;
        return reply.code(status).send({ error: (err as Error).message });
      }
      const stem = file!.slice(0, -'.webm'.length);
      if (!list.items.some((r) => r.id === stem && r.status === 'ready')) return reply.code(404).send({ error: 'no such ready recording' });
      const root = await realpath(recordingsDir).catch(() => null);
      const inside = root ? await realpath(join(root, consultationId!, file!)).catch(() => null) : null;
      if (!root || !inside || !inside.startsWith(root + sep)) return reply.code(404).send({ error: 'not found' });
    });
    await scope.register(fastifyStatic, {
      root: recordingsDir,
      prefix: '/recordings/',
      decorateReply: false,
      index: false,
      dotfiles: 'deny',
      cacheControl: false,
      setHeaders: (res) => void res.header('cache-control', 'no-store'),
    });
  });
}
