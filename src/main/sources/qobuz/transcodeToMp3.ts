// Local fallback when Qobuz offers no MP3: FLAC → MP3 320 kbit/s CBR with ffmpeg (libmp3lame), audio only.
import { execFile } from 'node:child_process';
import { DownloadError } from '../../base';

export interface TranscodeOptions {
  /** Default: `ffmpeg` on PATH. */
  ffmpegPath?: string;
  signal?: AbortSignal;
}

export function transcodeToMp3(input: string, output: string, o: TranscodeOptions = {}): Promise<void> {
  // Tags and cover art are written later by the library step, so none are carried over here.
  const args = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', '-i', input, '-map', '0:a:0', '-map_metadata', '-1',
    '-c:a', 'libmp3lame', '-b:a', '320k', '-f', 'mp3', output];
  return new Promise((resolve, reject) => {
    execFile(o.ffmpegPath ?? 'ffmpeg', args, { signal: o.signal, maxBuffer: 4 * 1024 * 1024 }, (err, _stdout, stderr) => {
      if (!err) return resolve();
      const detail = String(stderr || err.message).trim().split('\n').slice(-2).join(' ');
      if (o.signal?.aborted) return reject(new DownloadError('cancelled', 'Download cancelled.'));
      if ('code' in err && err.code === 'ENOENT') {
        return reject(new DownloadError('unknown', 'ffmpeg is needed to turn the FLAC Qobuz offered into MP3 320, but it is not installed or not on PATH.'));
      }
      if (/No space left on device/i.test(detail)) return reject(new DownloadError('storage', `Out of disk space while transcoding to ${output}; free some space and retry.`));
      reject(new DownloadError('corruption', `ffmpeg could not transcode the FLAC from Qobuz to MP3: ${detail}`));
    });
  });
}
