// The artist modal's two lists, from Spotify: the top suggestions for a file (one track search, scored by the
// matching engine and aggregated by artist) and an artist search by name (one artist search; each result's
// percentage is how well the file matches that artist's best track among the suggestion search's tracks, or null
// when that search did not meet them). Images are fetched through the cover cache and handed over as data URLs, so
// the renderer never talks to Spotify.
import { AppError } from '../../../shared/result';
import type { CoverArtCache } from '../../library';
import { rankArtists, scoreCandidate, suggestionQuery, suggestionReadings, type CandidateTrack, type SuggestionFile } from '../../matching';
import type { SpotifyApi, SpotifyArtist, SpotifyTrack } from '../../providers';

export interface ArtistSuggestion {
  artistId: string;
  name: string;
  /** A `data:` URL of the artist's image, or null when Spotify has none (or it could not be fetched). */
  imageUrl: string | null;
  /** Calibrated: among suggestions shown at about p %, about p % are right. Null when not known. */
  percent: number | null;
}

export const SUGGESTION_COUNT = 5;
/** Images near this width are asked for: the modal shows them at 48–56 px, twice that on dense screens. */
const IMAGE_WIDTH = 160;

export interface ArtistSuggesterOptions {
  api(): Promise<SpotifyApi>;
  covers: CoverArtCache;
}

export function candidateOf(t: SpotifyTrack): CandidateTrack | undefined {
  if (!t.id) return undefined;
  const artists = t.artists.flatMap((a) => (a.id ? [{ id: a.id, name: a.name }] : []));
  if (artists.length === 0) return undefined;
  return { id: t.id, title: t.name, artists, album: t.album?.name, durationMs: t.duration_ms, trackNumber: t.track_number };
}

export class ArtistSuggester {
  constructor(private readonly o: ArtistSuggesterOptions) {}

  /** The file's candidate tracks: one search (the lookup cache makes a repeat free). */
  async candidates(file: SuggestionFile): Promise<CandidateTrack[]> {
    const q = suggestionQuery(file);
    if (!q) throw new AppError('invalid_input', `Cannot tell a title from "${file.filename}"; search for the artist by name instead.`);
    const api = await this.o.api();
    const tracks = await api.searchTracks(q);
    return tracks.flatMap((t) => candidateOf(t) ?? []);
  }

  async suggest(file: SuggestionFile): Promise<ArtistSuggestion[]> {
    const ranked = rankArtists(file, await this.candidates(file), SUGGESTION_COUNT);
    const api = await this.o.api();
    // Artist lookups are cached for a week and shared with every flow; images are what the modal needs from them.
    const artists = await Promise.all(ranked.map((r) => api.artist(r.artistId).catch(() => undefined)));
    return Promise.all(
      ranked.map(async (r, i) => ({
        artistId: r.artistId,
        name: r.name,
        imageUrl: await this.image(artists[i]),
        percent: Math.round(100 * r.result.probability),
      })),
    );
  }

  async search(query: string, file?: SuggestionFile): Promise<ArtistSuggestion[]> {
    const api = await this.o.api();
    const artists = await api.searchArtists(query, SUGGESTION_COUNT);
    const candidates = file ? await this.candidates(file).catch(() => [] as CandidateTrack[]) : [];
    const readings = file ? suggestionReadings(file) : undefined;
    return Promise.all(
      artists.map(async (a) => {
        let percent: number | null = null;
        if (readings) {
          for (const c of candidates) {
            const credited = c.artists.find((x) => x.id === a.id);
            if (!credited) continue;
            const p = Math.round(100 * scoreCandidate(readings, c, credited.name).probability);
            percent = Math.max(percent ?? 0, p);
          }
        }
        return { artistId: a.id, name: a.name, imageUrl: await this.image(a), percent };
      }),
    );
  }

  private async image(artist: SpotifyArtist | undefined): Promise<string | null> {
    const images = [...(artist?.images ?? [])];
    if (images.length === 0) return null;
    images.sort((x, y) => Math.abs((x.width ?? IMAGE_WIDTH) - IMAGE_WIDTH) - Math.abs((y.width ?? IMAGE_WIDTH) - IMAGE_WIDTH));
    const cover = await this.o.covers.get(images[0]?.url);
    return cover ? `data:${cover.mime};base64,${cover.data.toString('base64')}` : null;
  }
}
