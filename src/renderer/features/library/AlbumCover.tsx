// An album's cover at a fixed size: the placeholder (a note on a soft gradient) until the thumbnail has loaded, and
// for good when the album has none. The box never changes size, so nothing moves when an image arrives; images
// load lazily, as the grid or list scrolls them into view.
import { useState } from 'react';
import type { CoverSize } from '../../../shared/coverUrl';
import { useCoverSrc } from '../../api';
import { Icon } from '../../components';

export interface AlbumCoverProps {
  albumId: number;
  /** Thumbnail to fetch: 96 for rows and small tiles, 300 for tiles and the album header. */
  size: CoverSize;
  /** Alt text; '' where the cover sits beside the album's title (inside its link) and would only repeat it. */
  alt: string;
  className?: string;
  placeholderIconSize?: number;
}

export function AlbumCover({ albumId, size, alt, className, placeholderIconSize = 28 }: AlbumCoverProps) {
  const src = useCoverSrc(albumId, size);
  const [loaded, setLoaded] = useState<string>();
  const [failed, setFailed] = useState<string>();
  const state = src === undefined ? 'pending' : loaded === src ? 'loaded' : failed === src ? 'none' : 'pending';
  return (
    <span className={['album-cover', className].filter(Boolean).join(' ')} data-cover={state} aria-hidden={alt === '' ? true : undefined}>
      {state !== 'loaded' ? <Icon name="music" size={placeholderIconSize} className="album-cover-placeholder" /> : null}
      {src !== undefined && failed !== src ? (
        <img
          src={src}
          alt={alt}
          width={size}
          height={size}
          loading="lazy"
          decoding="async"
          className={state === 'loaded' ? 'is-loaded' : undefined}
          onLoad={() => setLoaded(src)}
          onError={() => setFailed(src)}
        />
      ) : null}
    </span>
  );
}
