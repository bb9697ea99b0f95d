import { describe, expect, it } from 'vitest';
import { HttpParseError, HttpStatusError } from '../../net';
import { DownloadError } from '../../base';
import { downloadErrorFromFailure, downloadErrorFromRequest } from './ticketDownloadError';
import { describeTicket } from './ticketsSource';

describe('downloadErrorFromFailure', () => {
  it.each([
    [{ retryable: true, reason: 'tracker timed out' }, 'connection'],
    [{ retryable: true, code: 'not_found', reason: 'nothing yet' }, 'connection'],
    [{ retryable: false, code: 'not_found', reason: 'x' }, 'not_found'],
    [{ retryable: false, reason: 'No release found for this album' }, 'not_found'],
    [{ retryable: false, reason: 'no matches' }, 'not_found'],
    [{ retryable: false, code: 'quality_unmet', reason: 'only 128 kbps' }, 'rejected'],
    [{ retryable: false, code: 'rejected', reason: 'denied by the approver' }, 'rejected'],
    [{ retryable: false, reason: '' }, 'rejected'],
  ] as const)('%o → %s', (failure, type) => {
    const e = downloadErrorFromFailure('tkt_1', failure, ['tkt_1']);
    expect(e.type).toBe(type);
    expect(e.tried).toEqual(['tkt_1']);
  });

  it('tells the user why', () => {
    expect(downloadErrorFromFailure('t', { retryable: false, code: 'quality_unmet', reason: 'only 128 kbps' }).message).toContain(
      'only 128 kbps',
    );
  });
});

describe('downloadErrorFromRequest', () => {
  const status = (s: number, body = '') => new HttpStatusError(s, 'http://svc/tickets', body, undefined);
  it.each([
    [status(401), 'rejected'],
    [status(403), 'rejected'],
    [status(400, '{"error":{"code":"invalid_input","message":"tracks: at least one track is required"}}'), 'rejected'],
    [status(404), 'connection'],
    [status(503), 'connection'],
    [new HttpParseError('http://svc/tickets/1', 'id: required'), 'parse'],
    [new Error('Timed out waiting for http://svc/tickets'), 'timeout'],
    [new TypeError('fetch failed'), 'connection'],
    [new DownloadError('corruption', 'bad'), 'corruption'],
  ] as const)('%s → %s', (error, type) => {
    expect(downloadErrorFromRequest(error).type).toBe(type);
  });

  it("passes on the service's own message for a rejected request", () => {
    const e = downloadErrorFromRequest(status(400, '{"error":{"message":"tracks: at least one track is required"}}'));
    expect(e.message).toContain('at least one track is required');
  });
});

describe('describeTicket', () => {
  it.each([
    [{ state: 'downloading', progress: 0.456 }, 'ticket downloading 46%'],
    [{ state: 'needs_approval', progress: 0 }, 'ticket needs approval'],
    [{ state: 'verifying' }, 'ticket verifying'],
  ])('%o → %s', (t, text) => {
    expect(describeTicket(t)).toBe(text);
  });
});
