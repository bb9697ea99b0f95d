// The ID3 tags a purchased track gets, from its plan entry (Picard's conventions): title with version, the
// credited artists, album artist, album with version, n/N per disc, disc n/N, date, genre, ISRC, label,
// copyright, cover and the Qobuz ids. Pure.
import { titleWithVersion, type CoverArt, type TrackTags } from '../../library';
import { parseArtistCredit } from '../../matching';
import { albumDisplayTitle, type PlanEntry } from './plan';

export function qobuzTrackTags(entry: Pick<PlanEntry, 'track' | 'album' | 'discTrackCount'>, cover?: CoverArt): TrackTags {
  const { track, album } = entry;
  const credit = track.artist.name.trim() || album.artist.name;
  const parsed = parseArtistCredit(credit);
  // "A feat. B" lists A and B; the main credit stays whole ("Simon & Garfunkel" is one act, "AC/DC" too).
  const artists = [parsed.main || credit, ...parsed.featuring].filter((a, i, all) => a !== '' && all.indexOf(a) === i);
  return {
    title: titleWithVersion(track.title, track.version),
    artists,
    artistCredit: credit,
    albumArtist: album.artist.name,
    album: albumDisplayTitle(album),
    ...(track.trackNumber > 0 ? { trackNumber: track.trackNumber } : {}),
    ...(entry.discTrackCount ? { trackTotal: entry.discTrackCount } : {}),
    discNumber: track.discNumber || 1,
    discTotal: Math.max(1, album.discCount),
    ...(album.releaseDate ? { date: album.releaseDate } : {}),
    ...(album.genre ? { genre: album.genre } : {}),
    ...(track.isrc ? { isrc: track.isrc } : {}),
    ...(album.label ? { label: album.label } : {}),
    ...((track.copyright ?? album.copyright) ? { copyright: track.copyright ?? album.copyright } : {}),
    ...(cover ? { cover } : {}),
    externalIds: { QOBUZ_TRACK_ID: String(track.qobuzId), QOBUZ_ALBUM_ID: album.qobuzId },
  };
}
