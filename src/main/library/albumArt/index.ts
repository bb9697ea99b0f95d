// Public face of album art: the Library's covers, found in the files, thumbnailed and cached on disk.
export { AlbumArt, type AlbumArtOptions, type AlbumCoverImage } from './albumArt';
export { MAX_INPUT_PIXELS } from './coverThumbnails';
export { MAX_PICTURE_BYTES, MAX_TRACKS_PROBED, folderImageRank } from './findAlbumArt';
