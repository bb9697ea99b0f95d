// The tags a download from any catalog-driven source (slskd, tickets) gets, from what the catalog knows of the
// wanted track (Picard's conventions, as for Qobuz purchases): title with version, the credited artists, album
// artist, album, n/N on its disc, disc n/N, date, genre, label, ISRC, cover and the service ids. Pure.
import { parseArtistCredit } from '../../matching';
import type { TrackWanted } from '../../base';
import { titleWithVersion } from '../layout';
import { formatArtistCredit } from './tagPlan';
import type { CoverArt, TrackTags } from './trackTags';

export function wantedTrackTags(track: TrackWanted, cover?: CoverArt): TrackTags {
  const known = (track.artists ?? []).map((a) => a.trim()).filter((a, i, all) => a !== '' && all.indexOf(a) === i);
  const parsed = parseArtistCredit(track.artist.trim());
  // The catalog's credits (a playlist's, main first) when it has them; else what the display credit names.
  const artists = known.length > 0 ? known : [parsed.main || track.artist.trim(), ...parsed.featuring].filter((a, i, all) => a !== '' && all.indexOf(a) === i);
  const credit = known.length > 1 ? formatArtistCredit(known) : track.artist.trim();
  const discs = track.albumDiscCount;
  const trackTotal = track.discTrackCount ?? (discs === 1 ? track.albumTrackCount : undefined);
  const externalIds: Record<string, string> = {};
  for (const [service, id] of Object.entries(track.externalIds)) externalIds[`${service.toUpperCase()}_TRACK_ID`] = id;
  for (const [service, id] of Object.entries(track.albumExternalIds ?? {})) externalIds[`${service.toUpperCase()}_ALBUM_ID`] = id;
  return {
    title: titleWithVersion(track.title, track.version),
    artists,
    artistCredit: credit,
    ...(track.albumArtist ? { albumArtist: track.albumArtist } : {}),
    ...(track.album ? { album: track.album } : {}),
    ...(track.trackNumber ? { trackNumber: track.trackNumber } : {}),
    ...(trackTotal ? { trackTotal } : {}),
    ...(track.discNumber || discs ? { discNumber: track.discNumber || 1 } : {}),
    ...(discs ? { discTotal: discs } : {}),
    ...(track.releaseDate ? { date: track.releaseDate } : {}),
    ...(track.genre ? { genre: track.genre } : {}),
    ...(track.label ? { label: track.label } : {}),
    ...(track.isrc ? { isrc: track.isrc } : {}),
    ...(cover ? { cover } : {}),
    ...(Object.keys(externalIds).length ? { externalIds } : {}),
  };
}
