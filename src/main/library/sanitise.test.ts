import { describe, expect, it } from 'vitest';
import { sanitisePathComponent } from './sanitise';

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

describe('sanitisePathComponent', () => {
  const cases: Array<[label: string, input: string, expected: string]> = [
    ['plain name unchanged', 'Back in Black', 'Back in Black'],
    ['slash inside a band name', 'AC/DC', 'AC_DC'],
    ['all Windows-reserved characters', 'a<b>c:d"e/f\\g|h?i*j', 'a_b_c_d_e_f_g_h_i_j'],
    ['colon in a subtitle', 'Part 1: The Beginning', 'Part 1_ The Beginning'],
    ['question mark at the end', 'Why?', 'Why_'],
    ['NUL byte and bell', 'a\u0000b\u0007c', 'a_b_c'],
    ['DEL and C1 controls', 'a\u007fb\u0085c\u009fd', 'a_b c_d'],
    ['newlines and tabs become spaces', 'Line one\nline\ttwo', 'Line one line two'],
    ['runs of spaces collapse', 'Too    many  spaces', 'Too many spaces'],
    ['leading and trailing spaces', '   padded   ', 'padded'],
    ['trailing dots (Windows drops them)', 'Wait...', 'Wait'],
    ['trailing dots and spaces mixed', 'End . . ', 'End'],
    ['leading dot would hide the file', '.5: The Gray Chapter', '_5_ The Gray Chapter'],
    ['dot', '.', '_'],
    ['dot dot', '..', '_'],
    ['only dots', '.....', '_'],
    ['empty', '', '_'],
    ['only spaces', '     ', '_'],
    ['only reserved chars stay visible', '???', '___'],
    ['traversal from metadata', '../../etc', '_._.._etc'],
    ['traversal with backslashes', '..\\..\\Windows', '_._.._Windows'],
    ['absolute unix path', '/abs', '_abs'],
    ['absolute unix path to passwd', '/etc/passwd', '_etc_passwd'],
    ['windows drive path', 'C:\\x', 'C__x'],
    ['UNC path', '\\\\server\\share', '__server_share'],
    ['device name CON', 'CON', 'CON_'],
    ['device name lower case', 'nul', 'nul_'],
    ['device name with extension', 'aux.mp3', 'aux_.mp3'],
    ['device name with two extensions', 'Com1.tar.gz', 'Com1_.tar.gz'],
    ['LPT9', 'LPT9', 'LPT9_'],
    ['COM with superscript digit', 'COM¹', 'COM¹_'],
    ['device name with trailing space', 'PRN ', 'PRN_'],
    ['not a device name: CONSOLE', 'CONSOLE', 'CONSOLE'],
    ['not a device name: COM10', 'COM10', 'COM10'],
    ['not a device name: Nullsleep', 'Nullsleep', 'Nullsleep'],
    ['NFD becomes NFC', 'Beyonce\u0301', 'Beyoncé'],
    ['non-Latin scripts kept', '坂本龍一 — Энигма', '坂本龍一 — Энигма'],
    ['emoji kept', 'Love 💖 Song', 'Love 💖 Song'],
    ['lone surrogate replaced', 'bad\ud800half', 'bad_half'],
    ['apostrophes and ampersands are fine', "Guns N' Roses & Friends", "Guns N' Roses & Friends"],
  ];

  it.each(cases)('%s', (_label, input, expected) => {
    expect(sanitisePathComponent(input)).toBe(expected);
  });

  it.each(cases)('is stable and idempotent: %s', (_label, input) => {
    const once = sanitisePathComponent(input);
    expect(sanitisePathComponent(input)).toBe(once);
    expect(sanitisePathComponent(once)).toBe(once);
  });

  it.each(cases)('never yields a separator, a dot name or a hidden file: %s', (_label, input) => {
    const out = sanitisePathComponent(input);
    expect(out).not.toMatch(/[/\\]/);
    expect(['', '.', '..']).not.toContain(out);
    expect(out.startsWith('.')).toBe(false);
  });

  describe('with a separate extension', () => {
    const extCases: Array<[string, string, string, string]> = [
      ['simple', 'Title', 'mp3', 'Title.mp3'],
      ['leading dot on the extension', 'Title', '.flac', 'Title.flac'],
      ['empty base', '', 'mp3', '_.mp3'],
      ['device name base', 'CON', 'mp3', 'CON_.mp3'],
      ['ellipsis survives before the extension', 'Wait...', 'mp3', 'Wait....mp3'],
      ['reserved chars in base', 'What?/Why', 'mp3', 'What__Why.mp3'],
      ['hostile extension', 'x', '../evil', 'x._evil'],
    ];
    it.each(extCases)('%s', (_label, base, ext, expected) => {
      expect(sanitisePathComponent(base, { ext })).toBe(expected);
    });
  });

  describe('truncation to 255 UTF-8 bytes', () => {
    it('cuts long ASCII names to exactly 255 bytes', () => {
      const out = sanitisePathComponent('a'.repeat(400));
      expect(out).toBe('a'.repeat(255));
    });

    it('never splits a multi-byte code point', () => {
      const out = sanitisePathComponent('é'.repeat(200)); // 2 bytes each
      expect(bytes(out)).toBe(254);
      expect(out).toBe('é'.repeat(127));
    });

    it('never splits a 4-byte emoji', () => {
      const out = sanitisePathComponent(`${'x'.repeat(253)}💖💖`);
      expect(out).toBe('x'.repeat(253));
    });

    it('never splits a grapheme (letter + combining mark stays together)', () => {
      // "q" + U+0323 + U+0302 has no precomposed form, so NFC keeps a 5-byte grapheme.
      const g = 'q\u0323\u0302';
      const out = sanitisePathComponent(`${'x'.repeat(252)}${g}`);
      expect(out).toBe('x'.repeat(252));
    });

    it('keeps the extension and shortens the base', () => {
      const out = sanitisePathComponent('Ω'.repeat(300), { ext: 'flac' });
      expect(out.endsWith('.flac')).toBe(true);
      expect(bytes(out)).toBeLessThanOrEqual(255);
      expect(out).toBe(`${'Ω'.repeat(125)}.flac`);
    });

    it('strips dots and spaces the cut exposes at the end', () => {
      const out = sanitisePathComponent(`${'a'.repeat(253)} .bcd`);
      expect(out).toBe('a'.repeat(253));
    });

    it('honours a smaller limit', () => {
      expect(sanitisePathComponent('abcdefgh', { maxBytes: 5 })).toBe('abcde');
      expect(sanitisePathComponent('abcdefgh', { maxBytes: 9, ext: 'mp3' })).toBe('abcde.mp3');
    });

    it('fixes a device name that truncation produces', () => {
      const out = sanitisePathComponent(`CON.${'x'.repeat(300)}`);
      expect(out.startsWith('CON_.')).toBe(true);
      expect(bytes(out)).toBeLessThanOrEqual(255);
    });
  });
});
