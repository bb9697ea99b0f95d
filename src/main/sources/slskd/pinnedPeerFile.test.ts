import { describe, expect, it } from 'vitest';
import { createSlskdSource, parseSlskdExternalRef, pinnedPeerFile, pinnedPeerFileRef, type PeerFile } from './slskdSource';

const file: PeerFile = { username: 'alice', filename: 'Music\\A - B\\01 - T.flac', size: 1234, lengthSec: 200, bitDepth: 16 };
const source = createSlskdSource({ baseUrl: 'http://127.0.0.1:9', apiKey: 'k', downloadsDir: '/tmp/x' });

describe('a request pinned to one peer file', () => {
  it('reads its pin before a transfer and after one started', () => {
    expect(pinnedPeerFile(pinnedPeerFileRef(file))).toEqual(file);
    expect(parseSlskdExternalRef(pinnedPeerFileRef(file))).toBeUndefined();
    const started = JSON.stringify({ username: 'alice', id: 'guid-1', filename: file.filename, size: 1234, pin: file });
    expect(pinnedPeerFile(started)).toEqual(file);
    expect(parseSlskdExternalRef(started)).toMatchObject({ id: 'guid-1' });
  });

  it('is not pinned for an ordinary transfer reference, or anything unreadable', () => {
    expect(pinnedPeerFile(JSON.stringify({ username: 'a', id: 'g', filename: 'f', size: 1 }))).toBeUndefined();
    expect(pinnedPeerFile('not json')).toBeUndefined();
    expect(pinnedPeerFile(JSON.stringify({ pin: { username: '', filename: 'f', size: 1 } }))).toBeUndefined();
  });

  it('keeps the pin (and only the pin) when the queue abandons a stalled transfer', () => {
    const started = JSON.stringify({ username: 'alice', id: 'guid-1', filename: file.filename, size: 1234, pin: file });
    expect(source.refAfterAbandon(started)).toBe(pinnedPeerFileRef(file));
    expect(source.refAfterAbandon(JSON.stringify({ username: 'a', id: 'g', filename: 'f', size: 1 }))).toBeNull();
  });
});
