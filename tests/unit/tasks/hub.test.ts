// Tasks over a real hub on loopback: the district issues a task to 北京街; a street centre's
// machine of 北京街 (enrolled with a one-time code, so the hub puts CallContext.street on its calls)
// hears it pushed and acknowledges it; a machine of 六榕街 is refused; the district hears the answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { RpcCode } from '@contract/errors';
import { openCore, type Core } from '../../../src-main/core/app';
import { startHub, type Hub } from '../../../src-main/hub/server';
import { connect, type TestSocket } from '../../support/rpc-socket';
import { quiet } from '../../support/core-harness';
import { tempDir } from '../../support/temp-dir';

const TOKEN = 'tasks-hub-token-0123456789';
const tmp = tempDir('cw-tasks-hub-');
let core: Core;
let hub: Hub;
let url: string;
const open: TestSocket[] = [];

beforeAll(async () => {
  core = await openCore({ dataDir: join(tmp.dir, 'data'), host: 'hub', log: quiet });
  hub = await startHub({ core, token: TOKEN, hosts: ['127.0.0.1'], port: 0, log: quiet });
  url = `ws://127.0.0.1:${hub.port}/rpc`;
});

afterAll(async () => {
  for (const s of open) s.close();
  await hub?.close();
  await core?.close();
  tmp.remove();
});

async function socket(token: string): Promise<TestSocket> {
  const s = await connect(`${url}?token=${encodeURIComponent(token)}`);
  open.push(s);
  return s;
}

/** A street centre's machine: enrolled with a code the district issues, connected with its own credential. */
async function streetMachine(district: TestSocket, street: string): Promise<TestSocket> {
  const code = (await district.call('auth.issueEnrolCode', { kind: 'street', street })).result.code;
  const enrolled = await district.call('auth.enrol', { code, name: `${street}分中心值班机` });
  expect(enrolled.error).toBeUndefined();
  return socket(enrolled.result.credential);
}

describe('a task over the hub', () => {
  it('reaches the addressed street, which acknowledges it; another street is refused', async () => {
    const district = await socket(TOKEN);
    const leader = (await district.call('duty.savePerson', { person: { name: '陈志强', role: 'leader', unit: '区应急管理局', phone: '13800000001' } })).result;
    const operator = (await district.call('duty.savePerson', { person: { name: '周杰', role: 'officer', unit: '北京街道', phone: '13800000003' } })).result;
    const beijing = await streetMachine(district, '北京街');
    const liurong = await streetMachine(district, '六榕街');

    const issued = await district.call('tasks.issue', {
      task: {
        title: '疏散北京路低洼点群众',
        content: '组织群众转移至北京街道办事处',
        priority: 'urgent',
        addressee: { kind: 'street', name: '北京街' },
        deadline: Date.now() + 3600_000,
      },
      by: leader.id,
    });
    expect(issued.error).toBeUndefined();
    const pushed = await beijing.nextNotification('tasks.changed');
    expect(pushed).toMatchObject({ change: 'issued', task: { id: issued.result.id, state: 'issued', addressee: { name: '北京街' } } });

    const liurongOperator = (await district.call('duty.savePerson', { person: { name: '刘六榕', role: 'officer', unit: '六榕街道', phone: '13800000012' } }))
      .result;
    const refused = await liurong.call('tasks.acknowledge', { id: issued.result.id, by: liurongOperator.id });
    expect(refused.error?.code).toBe(RpcCode.Forbidden);
    expect(refused.error?.message).toMatch(/^指令「疏散北京路低洼点群众」下达给北京街，六榕街不能答复/);

    // The street may answer but not issue or cancel (its role has tasks.answer only).
    const cancel = await beijing.call('tasks.cancel', { id: issued.result.id, by: operator.id, reason: '不需要' });
    expect(cancel.error?.code).toBe(RpcCode.Forbidden);

    const ack = await beijing.call('tasks.acknowledge', { id: issued.result.id, by: operator.id, note: '收到，立即组织' });
    expect(ack.error).toBeUndefined();
    expect(ack.result).toMatchObject({ state: 'received' });
    expect(ack.result.history.at(-1)).toMatchObject({ from: 'issued', to: 'received', street: '北京街', by: { name: '周杰' } });
    // The district hears it (its issued push came first).
    expect(await district.nextNotification('tasks.changed')).toMatchObject({ change: 'issued' });
    expect(await district.nextNotification('tasks.changed')).toMatchObject({ change: 'received', task: { state: 'received' } });
  });
});
