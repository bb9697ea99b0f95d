// Builders for slskd search responses as the client hands them on (after its zod parse: absent fields undefined).
import type { SlskdSearchFile, SlskdSearchResponse } from '../../src/main/sources';

export function searchFile(filename: string, over: Partial<SlskdSearchFile> = {}): SlskdSearchFile {
  const lossless = filename.endsWith('.flac');
  return {
    filename,
    size: 30_000_000,
    extension: undefined,
    bitRate: lossless ? undefined : 320,
    bitDepth: lossless ? 16 : undefined,
    sampleRate: lossless ? 44_100 : undefined,
    length: 240,
    isVariableBitRate: undefined,
    isLocked: undefined,
    ...over,
  };
}

export function searchResponse(username: string, files: SlskdSearchFile[], over: Partial<SlskdSearchResponse> = {}): SlskdSearchResponse {
  return {
    username,
    hasFreeUploadSlot: true,
    queueLength: 0,
    uploadSpeed: 1_000_000,
    fileCount: files.length,
    files,
    lockedFileCount: 0,
    lockedFiles: [],
    ...over,
  };
}
