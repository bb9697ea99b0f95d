// Public face of the download sources: each implements DownloadSource (base/) and is the only code that fetches audio.
export * from './qobuz';
export * from './slskd';
export * from './tickets';
