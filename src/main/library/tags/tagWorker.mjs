// @ts-check
// Applies a TagWritePlan (built by tagPlan.ts) with node-taglib-sharp, which is synchronous and CPU-bound, on a
// worker thread so the main event loop never stalls. Plain .mjs on purpose: it loads unchanged under node, tsx,
// vitest and a bundled build. After saving it re-opens the file and checks every field it wrote.
import { parentPort } from 'node:worker_threads';
import taglib from 'node-taglib-sharp';

const {
  ByteVector,
  File,
  Id3v2AttachmentFrame,
  Id3v2FrameClassType,
  Id3v2FrameIdentifiers,
  Id3v2Settings,
  Id3v2UnknownFrame,
  Id3v2UserTextInformationFrame,
  MpegAudioFileSettings,
  Picture,
  PictureType,
  StringType,
  TagTypes,
} = taglib;

// Never add an ID3v1 tag (30 Latin-1 characters per field); genres stay text, not "(17)".
MpegAudioFileSettings.defaultTagTypes = TagTypes.Id3v2;
Id3v2Settings.useNumericGenres = false;

// Every tag is saved in the plan's version (4 unless the user chose v2.3), set on the tag itself: the library's
// forceDefaultVersion would also make it *parse* a file's existing tag as that version, misreading frame sizes.
// UTF-8 in v2.4; v2.3 has no UTF-8, so the library writes UTF-16 with a BOM there.
Id3v2Settings.defaultVersion = 4;
Id3v2Settings.forceDefaultVersion = false;
Id3v2Settings.defaultEncoding = StringType.UTF8;
Id3v2Settings.forceDefaultEncoding = true;
// Genres are written as text; reading one back must not cut "R&B/Soul" in two.
Id3v2Settings.useNonStandardV2V3GenreSeparators = false;

/** Frames ID3v2.3 does not have and has no counterpart for (mutagen's update_to_v23 drops the same ones). */
const V24_ONLY_FRAMES = ['ASPI', 'EQU2', 'RVA2', 'SEEK', 'SIGN', 'TDEN', 'TDRL', 'TDTG', 'TMOO', 'TPRO', 'TSOA', 'TSOP', 'TSOT', 'TSST'];
/** Must match ID3V23_SEPARATOR in tagPlan.ts. */
const V23_SEPARATOR = '/';

/** @param {{ data: Uint8Array, mime: string }} p */
function makePicture(p) {
  return Picture.fromFullData(ByteVector.fromByteArray(p.data), PictureType.FrontCover, p.mime, '');
}

/** @param {any} tag @param {string} description */
function userTextFrames(tag, description) {
  const wanted = description.toUpperCase();
  return tag
    .getFramesByClassType(Id3v2FrameClassType.UserTextInformationFrame)
    .filter((/** @type {any} */ f) => String(f.description).toUpperCase() === wanted);
}

/** @param {string} key */
function id3Identifier(key) {
  const ident = /** @type {Record<string, any>} */ (Id3v2FrameIdentifiers)[key];
  if (!ident) throw new Error(`unknown ID3v2 frame ${key}`);
  return ident;
}

/** @param {string} key */
function atom(key) {
  return ByteVector.fromString(key, StringType.Latin1);
}

/** @param {string} value */
function splitPair(value) {
  const [n, total] = value.split('/');
  return { n: Number(n) || 0, total: Number(total) || 0 };
}

const formats = {
  id3v2: {
    /** @param {any} file @param {any} plan */
    write(file, plan) {
      if (plan.mode === 'replace') file.removeTags(TagTypes.AllTags);
      const tag = file.getTag(TagTypes.Id3v2, true);
      if (plan.id3v2Version === 4 && tag.version === 3) upgradeDateToV24(tag);
      for (const { key, values } of plan.fields) {
        if (key.startsWith('TXXX:')) {
          const description = key.slice(5);
          for (const old of userTextFrames(tag, description)) tag.removeFrame(old);
          const frame = Id3v2UserTextInformationFrame.fromDescription(description, Id3v2Settings.defaultEncoding);
          frame.text = values;
          tag.addFrame(frame);
        } else {
          tag.setTextFrame(id3Identifier(key), ...values);
        }
      }
      if (plan.picture) {
        tag.removeFrames(Id3v2FrameIdentifiers.APIC);
        tag.addFrame(Id3v2AttachmentFrame.fromPicture(makePicture(plan.picture)));
      }
      if (plan.id3v2Version === 3) {
        downgradeToV23(tag);
        const genre = plan.fields.find((/** @type {{ key: string }} */ f) => f.key === 'TCON');
        if (genre) setV23Genre(tag, genre.values.join(V23_SEPARATOR));
      }
      // After the conversions above, so the library's own (which reads TDAT as month first) finds nothing to do.
      tag.version = plan.id3v2Version;
    },
    /** @param {any} file @param {string} key @returns {string[]} */
    read(file, key) {
      const tag = file.getTag(TagTypes.Id3v2, false);
      if (!tag) return [];
      /** @type {string[]} */
      const text = key.startsWith('TXXX:')
        ? userTextFrames(tag, key.slice(5))[0]?.text ?? []
        : tag.getFramesByIdentifier(Id3v2FrameClassType.TextInformationFrame, id3Identifier(key))[0]?.text ?? [];
      if (tag.version !== 3) return text;
      // The library keeps the escape of a v2.3 genre that starts with "(" (see setV23Genre).
      if (key === 'TCON') return text.map((t) => (t.startsWith('((') ? t.slice(1) : t));
      // The library splits v2.3 artist frames (TPE1, TPE2, TPE4) at "/": the stored string is the values rejoined.
      return text.length > 1 ? [text.join(V23_SEPARATOR)] : text;
    },
    /** @param {any} file */
    version(file) {
      return file.getTag(TagTypes.Id3v2, false)?.version;
    },
    /** @param {any} file */
    pictures(file) {
      return file.getTag(TagTypes.Id3v2, false)?.pictures ?? [];
    },
  },
  flac: {
    /** @param {any} file @param {any} plan */
    write(file, plan) {
      writeXiph(file, plan);
      if (plan.picture) {
        file.getTag(TagTypes.Xiph, true).pictures = [];
        file.tag.pictures = [makePicture(plan.picture)]; // FLAC PICTURE metadata block
      }
    },
    read: readXiph,
    /** @param {any} file */
    pictures(file) {
      return file.tag.pictures;
    },
  },
  ogg: {
    /** @param {any} file @param {any} plan */
    write(file, plan) {
      writeXiph(file, plan);
      if (plan.picture) file.getTag(TagTypes.Xiph, true).pictures = [makePicture(plan.picture)]; // METADATA_BLOCK_PICTURE
    },
    read: readXiph,
    /** @param {any} file */
    pictures(file) {
      return file.getTag(TagTypes.Xiph, false)?.pictures ?? [];
    },
  },
  mp4: {
    /** @param {any} file @param {any} plan */
    write(file, plan) {
      const tag = file.getTag(TagTypes.Apple, true);
      if (plan.mode === 'replace') tag.clear();
      for (const { key, values } of plan.fields) {
        if (key.startsWith('----:')) {
          const [, mean, name] = key.split(':');
          tag.setItunesStrings(mean, name, ...values);
        } else if (key === 'trkn') {
          const { n, total } = splitPair(values[0]);
          tag.track = n;
          tag.trackCount = total;
        } else if (key === 'disk') {
          const { n, total } = splitPair(values[0]);
          tag.disc = n;
          tag.discCount = total;
        } else {
          tag.setQuickTimeStrings(atom(key), values);
        }
      }
      if (plan.picture) tag.pictures = [makePicture(plan.picture)];
    },
    /** @param {any} file @param {string} key @returns {string[]} */
    read(file, key) {
      const tag = file.getTag(TagTypes.Apple, false);
      if (!tag) return [];
      if (key.startsWith('----:')) {
        const [, mean, name] = key.split(':');
        return tag.getItunesStrings(mean, name);
      }
      if (key === 'trkn') return [tag.trackCount ? `${tag.track}/${tag.trackCount}` : `${tag.track}`];
      if (key === 'disk') return [tag.discCount ? `${tag.disc}/${tag.discCount}` : `${tag.disc}`];
      return tag.getQuickTimeStrings(atom(key));
    },
    /** @param {any} file */
    pictures(file) {
      return file.getTag(TagTypes.Apple, false)?.pictures ?? [];
    },
  },
};

/** @param {any} tag @param {string} key @returns {any[]} */
function textFrames(tag, key) {
  return tag.getFramesByIdentifier(Id3v2FrameClassType.TextInformationFrame, id3Identifier(key));
}

/**
 * A v2.3 tag a merge re-saves as v2.4: TYER + TDAT (day first) + TIME become one TDRC.
 * @param {any} tag
 */
function upgradeDateToV24(tag) {
  const year = textFrames(tag, 'TYER')[0]?.text[0];
  const ddmm = textFrames(tag, 'TDAT')[0]?.text[0];
  const hhmm = textFrames(tag, 'TIME')[0]?.text[0];
  for (const key of ['TYER', 'TDAT', 'TIME']) tag.removeFrames(id3Identifier(key));
  if (typeof year !== 'string' || !/^\d{4}$/.test(year) || textFrames(tag, 'TDRC').length > 0) return;
  let date = year;
  if (typeof ddmm === 'string' && /^\d{4}$/.test(ddmm)) {
    date += `-${ddmm.slice(2, 4)}-${ddmm.slice(0, 2)}`;
    if (typeof hhmm === 'string' && /^\d{4}$/.test(hhmm)) date += `T${hhmm.slice(0, 2)}:${hhmm.slice(2, 4)}`;
  }
  tag.setTextFrame(Id3v2FrameIdentifiers.TDRC, date);
}

/**
 * Leaves only ID3v2.3 frames in a tag about to be saved as v2.3: what a merge kept from the file is converted the
 * way mutagen's update_to_v23 does (TDRC → TYER/TDAT/TIME, TDOR → TORY, TIPL + TMCL → IPLS), frames v2.3 has no
 * counterpart for are dropped, and multiple values in a user text frame are joined with "/" (v2.3 strings are
 * single values: a reader stops at the first null).
 * @param {any} tag
 */
function downgradeToV23(tag) {
  const tdrc = textFrames(tag, 'TDRC')[0]?.text[0];
  tag.removeFrames(Id3v2FrameIdentifiers.TDRC);
  const when = typeof tdrc === 'string' ? /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2}))?)?)?/.exec(tdrc) : null;
  if (when && textFrames(tag, 'TYER').length === 0) {
    const [, year, month, day, hour, minute] = when;
    tag.setTextFrame(Id3v2FrameIdentifiers.TYER, year);
    if (month && day) tag.setTextFrame(Id3v2FrameIdentifiers.TDAT, `${day}${month}`);
    if (hour && minute) tag.setTextFrame(Id3v2FrameIdentifiers.TIME, `${hour}${minute}`);
  }
  // TDOR is saved under its v2.3 id, TORY, which holds a year only.
  const tdor = textFrames(tag, 'TDOR')[0]?.text[0];
  const originalYear = typeof tdor === 'string' ? /^\d{4}/.exec(tdor)?.[0] : undefined;
  tag.removeFrames(Id3v2FrameIdentifiers.TDOR);
  if (originalYear) tag.setTextFrame(Id3v2FrameIdentifiers.TDOR, originalYear);

  // IPLS: (involvement, name) pairs as null-separated strings. The library would save a TIPL as an IPLS joined
  // with "/", so it is written as a raw frame. An IPLS read from a v2.3 tag is kept as it is (the library keeps
  // its bytes; its parsed text is only the first string).
  const fromV23 = tag.version === 3;
  /** @type {string[]} */
  const people = fromV23 ? [] : [...textFrames(tag, 'TIPL'), ...textFrames(tag, 'TMCL')].flatMap((f) => f.text);
  if (!fromV23) tag.removeFrames(Id3v2FrameIdentifiers.TIPL);
  tag.removeFrames(Id3v2FrameIdentifiers.TMCL);
  if (people.length >= 2) {
    const delimiter = ByteVector.getTextDelimiter(StringType.UTF16);
    const data = ByteVector.concatenate(1, ...people.slice(0, people.length - (people.length % 2)).flatMap((p, i) => [
      ...(i > 0 ? [delimiter] : []),
      ByteVector.fromString(p, StringType.UTF16),
    ]));
    tag.addFrame(Id3v2UnknownFrame.fromData(Id3v2FrameIdentifiers.IPLS, data));
  }

  for (const key of V24_ONLY_FRAMES) tag.removeFrames(id3Identifier(key));
  for (const frame of tag.getFramesByClassType(Id3v2FrameClassType.UserTextInformationFrame)) {
    if (frame.text.length > 1) frame.text = [frame.text.join(V23_SEPARATOR)];
  }
}

/**
 * A v2.3 TCON holding the genre as text. The library would double every "(" (v2.3 reserves "(" at the start for
 * numeric genre references, and only there is a "(" escaped as "(("), so "Rock (Live)" would read "Rock ((Live)"
 * everywhere: the frame is written raw.
 * @param {any} tag @param {string} genre
 */
function setV23Genre(tag, genre) {
  tag.removeFrames(Id3v2FrameIdentifiers.TCON);
  const text = genre.startsWith('(') ? `(${genre}` : genre;
  tag.addFrame(Id3v2UnknownFrame.fromData(Id3v2FrameIdentifiers.TCON, ByteVector.concatenate(1, ByteVector.fromString(text, StringType.UTF16))));
}

/** @param {any} file @param {any} plan */
function writeXiph(file, plan) {
  if (plan.mode === 'replace') {
    // ID3/APE tags glued onto FLAC/Ogg files confuse players; the Vorbis comment is the only tag we keep.
    file.removeTags(TagTypes.AllTags & ~TagTypes.Xiph);
    const xiph = file.getTag(TagTypes.Xiph, true);
    for (const name of [...xiph.fieldNames]) xiph.removeField(name);
    xiph.pictures = [];
    if (plan.format === 'flac') file.tag.pictures = [];
  }
  const xiph = file.getTag(TagTypes.Xiph, true);
  for (const { key, values } of plan.fields) xiph.setFieldAsStrings(key, ...values);
}

/** @param {any} file @param {string} key @returns {string[]} */
function readXiph(file, key) {
  return file.getTag(TagTypes.Xiph, false)?.getField(key) ?? [];
}

/** @param {string} path @param {any} plan */
function applyPlan(path, plan) {
  const handler = formats[/** @type {keyof typeof formats} */ (plan.format)];
  if (!handler) throw new Error(`unsupported tag format ${plan.format}`);

  const file = File.createFromPath(path, plan.mimeType);
  try {
    handler.write(file, plan);
    file.save();
  } finally {
    file.dispose();
  }

  const check = File.createFromPath(path, plan.mimeType);
  try {
    if (plan.format === 'id3v2' && formats.id3v2.version(check) !== plan.id3v2Version) {
      throw new Error(`read-back check failed: the tag was saved as ID3v2.${formats.id3v2.version(check)}, not ID3v2.${plan.id3v2Version}`);
    }
    for (const { key, values } of plan.fields) {
      const read = handler.read(check, key);
      if (read.join('\u0000') !== values.join('\u0000')) {
        throw new Error(`read-back check failed for ${key}: wrote ${JSON.stringify(values)}, read ${JSON.stringify(read)}`);
      }
    }
    if (plan.picture) {
      const pictures = handler.pictures(check);
      if (pictures.length !== 1 || pictures[0].data.length !== plan.picture.data.length) {
        throw new Error('read-back check failed for the cover picture');
      }
    }
  } finally {
    check.dispose();
  }
}

parentPort?.on('message', (/** @type {{ id: number, path: string, plan: any }} */ message) => {
  try {
    applyPlan(message.path, message.plan);
    parentPort?.postMessage({ id: message.id, ok: true });
  } catch (err) {
    parentPort?.postMessage({ id: message.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
