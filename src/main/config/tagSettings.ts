// `[library] id3_version`: the ID3v2 version MP3 tags are written in, "2.4" (the default) or "2.3" for older
// players and car stereos. CASSETTE_ID3_VERSION in the environment wins; a value there that is neither is
// ignored with a note, so a typo in a service file does not stop the app.
import { z } from 'zod';
import { DEFAULT_ID3_VERSION, ID3_VERSIONS, type Id3Version } from '../library';

export const ID3_VERSION_ENV = 'CASSETTE_ID3_VERSION';

/** "2.4" or "2.3"; a bare TOML number (`id3_version = 2.3`) means the same. */
export const id3VersionSetting = z.preprocess(
  (v) => (typeof v === 'number' ? v.toFixed(1) : typeof v === 'string' ? v.trim() : v),
  z.enum(ID3_VERSIONS, { error: 'must be "2.4" or "2.3"' }),
);

/** The version the environment sets, when it sets a valid one (then Settings cannot change it). */
export function id3VersionFromEnv(env: NodeJS.ProcessEnv): Id3Version | undefined {
  const parsed = id3VersionSetting.safeParse(env[ID3_VERSION_ENV]);
  return parsed.success ? parsed.data : undefined;
}

export function loadId3Version(fromFile: Id3Version | undefined, env: NodeJS.ProcessEnv, notes: string[]): Id3Version {
  const fromEnv = env[ID3_VERSION_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    const valid = id3VersionFromEnv(env);
    if (valid) return valid;
    notes.push(`${ID3_VERSION_ENV}=${JSON.stringify(fromEnv).slice(0, 40)} is not an ID3 version (use 2.4 or 2.3); it is ignored.`);
  }
  return fromFile ?? DEFAULT_ID3_VERSION;
}
