import { describe, expect, it } from 'vitest';
import type { Dispatcher } from '@contract/dispatch';
import { RpcCode, RpcError } from '@contract/errors';
import { handleMessage } from '../../../src-main/hub/jsonrpc';

const ctx = { transport: 'ws' as const, peer: 'test' };
const echo: Dispatcher = async (method, params) => {
  if (method === 'echo') return params;
  throw new RpcError(RpcCode.MethodNotFound, `unknown method: ${method}`);
};
const send = async (text: string) => {
  const reply = await handleMessage(text, echo, ctx);
  return reply === null ? null : JSON.parse(reply);
};

describe('JSON-RPC 2.0 framing', () => {
  it('answers a call with its id', async () => {
    expect(await send('{"jsonrpc":"2.0","id":7,"method":"echo","params":{"a":1}}')).toEqual({ jsonrpc: '2.0', id: 7, result: { a: 1 } });
  });

  it('answers unparsable text with -32700 and id null', async () => {
    expect(await send('{"jsonrpc":')).toMatchObject({ id: null, error: { code: RpcCode.ParseError } });
  });

  it('answers a malformed request with -32600', async () => {
    expect(await send('{"jsonrpc":"1.0","id":1,"method":"echo"}')).toMatchObject({ id: 1, error: { code: RpcCode.InvalidRequest } });
    expect(await send('{"jsonrpc":"2.0","id":1}')).toMatchObject({ error: { code: RpcCode.InvalidRequest } });
    expect(await send('42')).toMatchObject({ id: null, error: { code: RpcCode.InvalidRequest } });
    expect(await send('[]')).toMatchObject({ id: null, error: { code: RpcCode.InvalidRequest } });
    expect(await send('{"jsonrpc":"2.0","id":{"x":1},"method":"echo"}')).toMatchObject({ id: null, error: { code: RpcCode.InvalidRequest } });
  });

  it('refuses positional params with -32602', async () => {
    expect(await send('{"jsonrpc":"2.0","id":2,"method":"echo","params":[1]}')).toMatchObject({ id: 2, error: { code: RpcCode.InvalidParams } });
  });

  it('answers an unknown method with -32601', async () => {
    expect(await send('{"jsonrpc":"2.0","id":"x","method":"nope"}')).toMatchObject({ id: 'x', error: { code: RpcCode.MethodNotFound } });
  });

  it('sends nothing back for notifications, even failing ones', async () => {
    expect(await send('{"jsonrpc":"2.0","method":"echo","params":{}}')).toBeNull();
    expect(await send('{"jsonrpc":"2.0","method":"nope"}')).toBeNull();
  });

  it('answers a batch in order, leaving out notifications and reporting bad members', async () => {
    const reply = await send(
      '[{"jsonrpc":"2.0","id":1,"method":"echo","params":{"n":1}},{"jsonrpc":"2.0","method":"echo"},1,{"jsonrpc":"2.0","id":2,"method":"nope"}]',
    );
    expect(reply).toHaveLength(3);
    expect(reply[0]).toEqual({ jsonrpc: '2.0', id: 1, result: { n: 1 } });
    expect(reply[1]).toMatchObject({ id: null, error: { code: RpcCode.InvalidRequest } });
    expect(reply[2]).toMatchObject({ id: 2, error: { code: RpcCode.MethodNotFound } });
  });
});
