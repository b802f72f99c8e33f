import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from './file-io';

describe('files as base64', () => {
  it('round-trips bytes, including files larger than one slice', () => {
    const bytes = new Uint8Array(40_000).map((_, i) => (i * 7) % 256);
    const b64 = bytesToBase64(bytes);
    expect(b64).toBe(Buffer.from(bytes).toString('base64'));
    expect(base64ToBytes(b64)).toEqual(bytes);
  });
});
