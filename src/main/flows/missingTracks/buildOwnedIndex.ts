// The owned-check's index for one analysis: the library mirror as stored (its blocking keys precomputed at
// refresh time, rows built only for the candidates scored) plus every track the catalog owns (files on disk,
// Qobuz purchases → `where: "catalog"`), keyed here since the catalog stores no keys.
import { ownedCatalogTracks } from '../../catalog';
import type { Db } from '../../db';
import type { ConnectorName, MirrorStore } from '../../providers';
import { OwnedIndex } from './ownedIndex';

export interface OwnedIndexSource {
  db: Db;
  mirror: MirrorStore;
  /** The connector whose mirror counts, or null when no library is used (the server is down, no mirror). */
  connector: ConnectorName | null;
}

export function buildOwnedIndex({ db, mirror, connector }: OwnedIndexSource): OwnedIndex {
  const keyed = connector !== null ? mirror.keyed(connector) : undefined;
  const index = new OwnedIndex(
    [],
    keyed && {
      blocking: keyed.blocking,
      candidate: (slot) => {
        const t = keyed.track(slot);
        return t && { ...t, where: keyed.connector };
      },
    },
  );
  for (const t of ownedCatalogTracks(db)) {
    const title = t.version && !t.title.toLowerCase().includes(t.version.toLowerCase()) ? `${t.title} (${t.version})` : t.title;
    index.add({
      title,
      artists: [t.artist],
      ...(t.album ? { album: t.album } : {}),
      ...(t.durationSec !== null ? { durationSec: t.durationSec } : {}),
      ...(t.trackNumber !== null ? { trackNumber: t.trackNumber } : {}),
      ...(t.isrc ? { isrc: t.isrc } : {}),
      where: 'catalog',
      catalogTrackId: t.id,
    });
  }
  return index;
}
