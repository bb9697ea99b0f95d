// Part files: where bytes live until a file is complete and verified. They sit beside their target (same folder,
// so the final rename stays on one volume) under a name that says whose they are — Cassette's, and which process
// writes them: `.<target name>.<writer>.cassette-part`. Two processes fetching the same track into one folder
// then never share (or delete) each other's bytes, and clean-up never touches a file Cassette did not write
// (a browser's `x.mp3.part`, say).
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { RESUME_RECORD_SUFFIX } from '../net';

export const PART_SUFFIX = '.cassette-part';
/** Derived files some steps write beside a part file (tagging copy, FLAC staging of a transcode). */
const DERIVED = ['.tagging.part', '.flac'] as const;
/** Keeps `.<stem>.<writer>.cassette-part.tagging.part` within the 255 bytes every file system allows. */
const MAX_STEM_BYTES = 160;

/** File-name-safe token for a writer `host:pid`: `host-pid` with anything but letters, digits and `_` in the host as `_`. */
export function partWriterToken(worker: string): string {
  const i = worker.lastIndexOf(':');
  const host = i < 0 ? worker : worker.slice(0, i);
  const pid = i < 0 ? '0' : worker.slice(i + 1);
  return `${safeHost(host)}-${pid.replace(/\D/g, '') || '0'}`;
}

/** This process as a part-file writer. */
export function ownPartWriter(): string {
  return partWriterToken(`${hostname()}:${process.pid}`);
}

/**
 * The `host:pid` worker a token names when it names a process on this machine; undefined for another machine
 * (whose processes cannot be asked).
 */
export function localWorkerOfPartWriter(token: string): string | undefined {
  const i = token.lastIndexOf('-');
  if (i <= 0) return undefined;
  const pid = Number(token.slice(i + 1));
  if (!Number.isInteger(pid) || pid <= 0 || token.slice(0, i) !== safeHost(hostname())) return undefined;
  return `${hostname()}:${pid}`;
}

/** The part file `writer` fills for `target`, in the target's folder. */
export function partPathFor(target: string, writer: string = ownPartWriter()): string {
  return join(dirname(target), `.${partStem(basename(target))}.${writer}${PART_SUFFIX}`);
}

export interface ParsedPartFile {
  /** The part's folder. */
  dir: string;
  /** The target's name as the part records it (possibly shortened). */
  stem: string;
  writer: string;
  /** Set for a file derived from a part (its tagging copy, a transcode's staging file, a resume record). */
  derived?: string;
}

/** Reads a Cassette part-file path; undefined for anything else (including other programs' `.part` files). */
export function parsePartFile(path: string): ParsedPartFile | undefined {
  let name = basename(path);
  let derived = '';
  // The resume record net/streamToPart keeps beside a part (or beside a transcode's staging file).
  if (name.endsWith(RESUME_RECORD_SUFFIX)) {
    derived = RESUME_RECORD_SUFFIX;
    name = name.slice(0, -RESUME_RECORD_SUFFIX.length);
  }
  for (const d of DERIVED) {
    if (name.endsWith(PART_SUFFIX + d)) {
      derived = d + derived;
      name = name.slice(0, -d.length);
    }
  }
  if (!name.startsWith('.') || !name.endsWith(PART_SUFFIX)) return undefined;
  const inner = name.slice(1, -PART_SUFFIX.length);
  const dot = inner.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const writer = inner.slice(dot + 1);
  if (!/^[A-Za-z0-9_]+-\d+$/.test(writer)) return undefined;
  return { dir: dirname(path), stem: inner.slice(0, dot), writer, ...(derived ? { derived } : {}) };
}

export function isPartFile(path: string): boolean {
  return parsePartFile(path) !== undefined;
}

/** Whether `part` holds (or held) bytes for `target`, whoever wrote it. */
export function isPartOf(part: ParsedPartFile, target: string): boolean {
  return part.dir === dirname(target) && part.stem === partStem(basename(target));
}

function partStem(name: string): string {
  if (Buffer.byteLength(name) <= MAX_STEM_BYTES) return name;
  return Buffer.from(name).subarray(0, MAX_STEM_BYTES).toString('utf8').replace(/\uFFFD+$/, '');
}

function safeHost(host: string): string {
  return host.replace(/[^A-Za-z0-9_]/g, '_') || '_';
}
