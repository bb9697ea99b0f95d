// Public face of the matched-download UI: the artist modal, its host (mounted once in the app) and the call that
// opens it for a finished download, a Soulseek file or a folder.
export { ArtistPickerModal, type ArtistPickerModalProps } from './ArtistPickerModal';
export { MatchedDownloadHost } from './MatchedDownloadHost';
export { openMatchedDownload, useMatchedTarget, type MatchTarget } from './matchedTargetStore';
