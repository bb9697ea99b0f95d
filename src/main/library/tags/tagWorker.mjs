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

// ID3v2.4 with UTF-8 only: v2.3 cannot keep "AC/DC" as one artist.
Id3v2Settings.defaultVersion = 4;
Id3v2Settings.forceDefaultVersion = true;
Id3v2Settings.defaultEncoding = StringType.UTF8;
Id3v2Settings.forceDefaultEncoding = true;

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
    },
    /** @param {any} file @param {string} key @returns {string[]} */
    read(file, key) {
      const tag = file.getTag(TagTypes.Id3v2, false);
      if (!tag) return [];
      if (key.startsWith('TXXX:')) return userTextFrames(tag, key.slice(5))[0]?.text ?? [];
      return tag.getFramesByIdentifier(Id3v2FrameClassType.TextInformationFrame, id3Identifier(key))[0]?.text ?? [];
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
