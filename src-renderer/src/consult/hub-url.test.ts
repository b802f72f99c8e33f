// Configuration: an operator's hub URL as the /rpc socket URL.
import { describe, expect, it } from 'vitest';
import { hubRpcUrl } from './hub-url';

describe('configuration', () => {
  it('turns an operator’s hub URL into the /rpc socket URL, keeping the token', () => {
    expect(hubRpcUrl('http://10.231.1.1:4310')).toBe('ws://10.231.1.1:4310/rpc');
    expect(hubRpcUrl('10.231.2.1:4310/?token=abc')).toBe('ws://10.231.2.1:4310/rpc?token=abc');
    expect(hubRpcUrl('wss://hub.example/rpc?token=x')).toBe('wss://hub.example/rpc?token=x');
    expect(hubRpcUrl('ftp://x')).toBeNull();
    expect(hubRpcUrl('  ')).toBeNull();
  });
});
