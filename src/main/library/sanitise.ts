// Turns untrusted metadata (titles, artist names, ids) into one path component that is valid on Windows, macOS
// and Linux at once and can never climb out of its folder. Pure and deterministic: the same input always gives
// the same output, and sanitising a sanitised name changes nothing.

export interface SanitiseOptions {
  /** Extension kept intact (without or with a leading dot); only the base name is shortened to fit. */
  ext?: string;
  /** Limit for the whole component in UTF-8 bytes (ext4, APFS and NTFS all accept 255). */
  maxBytes?: number;
}

/** What a component becomes when nothing usable is left (empty, only dots, only spaces). */
export const EMPTY_COMPONENT = '_';

const MAX_COMPONENT_BYTES = 255;
// Windows refuses these as a name or as the part before the first dot ("CON.mp3"), in any case.
// COM/LPT with superscript digits count too since they are mapped to digits by the Win32 layer.
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
// Forbidden on Windows (and `/` everywhere, `:` on classic macOS / Finder).
const RESERVED_CHARS = /[<>:"/\\|?*]/g;
const WHITESPACE_CONTROLS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Longest prefix of `s` within `maxBytes`, cut between graphemes (or at worst between code points). */
function truncateUtf8(s: string, maxBytes: number): string {
  if (utf8Bytes(s) <= maxBytes) return s;
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(s)) {
    const size = utf8Bytes(segment);
    if (used + size > maxBytes) {
      if (out === '') {
        // A single grapheme larger than the budget (stacked combining marks): keep whole code points.
        for (const cp of segment) {
          const cpSize = utf8Bytes(cp);
          if (used + cpSize > maxBytes) break;
          out += cp;
          used += cpSize;
        }
      }
      break;
    }
    out += segment;
    used += size;
  }
  return out;
}

function cleanChars(s: string): string {
  return s
    .replace(LONE_SURROGATE, '_')
    .normalize('NFC')
    .replace(WHITESPACE_CONTROLS, ' ')
    .replace(CONTROL_CHARS, '_')
    .replace(RESERVED_CHARS, '_')
    .replace(/ {2,}/g, ' ');
}

function stripTrailing(s: string): string {
  return s.replace(/[. ]+$/, '');
}

/** "CON" → "CON_", "nul.mp3" → "nul_.mp3". */
function avoidWindowsReserved(name: string): string {
  const dot = name.indexOf('.');
  const stem = dot === -1 ? name : name.slice(0, dot);
  if (!WINDOWS_RESERVED.test(stem.trimEnd())) return name;
  return `${stem.trimEnd()}_${dot === -1 ? '' : name.slice(dot)}`;
}

function sanitiseExt(ext: string): string {
  return stripTrailing(cleanChars(ext).replace(/^[. ]+/, '').replace(/ /g, ''));
}

/**
 * One safe path component: reserved and control characters replaced by `_`, NFC, no leading dot (hidden
 * files), no trailing dots or spaces, no Windows device names, never `.`/`..`/empty, at most 255 UTF-8 bytes.
 */
export function sanitisePathComponent(name: string, options: SanitiseOptions = {}): string {
  const maxBytes = options.maxBytes ?? MAX_COMPONENT_BYTES;
  const ext = options.ext === undefined ? '' : sanitiseExt(options.ext);
  const suffix = ext === '' ? '' : `.${ext}`;
  const budget = Math.max(1, maxBytes - utf8Bytes(suffix));

  let base = cleanChars(name).trimStart();
  if (base.startsWith('.')) base = `_${base.slice(1)}`;
  // With an extension, dots at the end of the base are harmless ("Wait....mp3"); spaces before it are not nice.
  const tidy = (s: string): string => (suffix === '' ? stripTrailing(s) : s.trimEnd());
  base = tidy(truncateUtf8(tidy(base), budget));
  if (base === '') base = EMPTY_COMPONENT;

  let full = avoidWindowsReserved(base + suffix);
  if (utf8Bytes(full) > maxBytes) {
    // Only reachable when the reserved-name fix added a byte to a name already at the limit.
    base = tidy(truncateUtf8(avoidWindowsReserved(base), budget));
    full = base + suffix;
  }
  return full;
}
