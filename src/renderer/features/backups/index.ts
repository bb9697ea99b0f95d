export { BackupsPage } from './BackupsPage';
export { applyBackupJob, applySignIn, backupsKey, spotifyAccountsKey, useSpotifyAccounts, withJob } from './backupsQueries';
export { useSpotifySignIn } from './useSpotifySignIn';
export { ConsentWarnings } from './ConsentWarnings';
