// Spotify: the user's own Client ID (with the onboarding steps), where backups go, how many runs to keep, the
// schedule, "keep my likes", and the signed-in accounts (sign in through the browser, sign out, sign-ins about to expire).
import { useId, useState, type FormEvent } from 'react';
import type { BackupScheduleDto, SettingsViewDto, SpotifyAccountsDto } from '../../../shared/contract';
import { Button, Card, ErrorNotice } from '../../components';
import { ConsentWarnings, useSpotifyAccounts, useSpotifySignIn } from '../backups';
import { Field } from './Field';
import { SectionActions } from './SectionActions';
import { useSaveSettings } from './settingsQueries';
import { useSectionForm } from './useSectionForm';

const SCHEDULES: { value: BackupScheduleDto; label: string }[] = [
  { value: 'off', label: 'Off (back up by hand)' },
  { value: 'daily', label: 'Daily' },
  { value: 'weekly', label: 'Weekly' },
];

export function SpotifySection({ settings }: { settings: SettingsViewDto }) {
  const s = settings.spotify;
  const env = (name: string) => (s.fromEnv.includes(name) ? name : undefined);
  const form = useSectionForm({
    clientId: s.clientId ?? '',
    backupsDir: s.backupsDirIsDefault ? '' : s.backupsDir,
    keepRuns: String(s.keepRuns),
    schedule: s.schedule,
    keepLikes: s.keepLikes ? 'on' : 'off',
  });
  const save = useSaveSettings();
  const accounts = useSpotifyAccounts();
  const scheduleId = useId();
  const keepLikesHint = useId();
  const v = form.values;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      spotify: {
        // A value the environment sets is shown locked and never written into the file.
        ...(env('SPOTIFY_CLIENT_ID') ? {} : { clientId: v.clientId.trim() || null }),
        ...(env('CASSETTE_BACKUPS_DIR') ? {} : { backupsDir: v.backupsDir.trim() || null }),
        keepRuns: v.keepRuns.trim() ? Number(v.keepRuns) : null,
        schedule: v.schedule as BackupScheduleDto,
        keepLikes: v.keepLikes === 'on',
      },
    });
  };
  const redirectUri = accounts.data?.redirectUri ?? 'http://127.0.0.1/callback';
  return (
    <Card title="Spotify" description="Backs up Liked Songs and playlists, and restores them into another account without duplicates.">
      <ol className="steps spotify-steps" aria-label="Set up Spotify">
        <li>
          <h3>Create your own Spotify app</h3>
          <p>
            At <a href="https://developer.spotify.com/dashboard" target="_blank" rel="noreferrer">developer.spotify.com/dashboard</a>, create an app
            that uses the Web API (it stays in Development Mode; its owner needs Premium).
          </p>
        </li>
        <li>
          <h3>Register the redirect URI</h3>
          <p>
            Add <code className="path">{redirectUri}</code> as a redirect URI. Cassette listens on a free port of 127.0.0.1 while you sign in.
          </p>
        </li>
        <li>
          <h3>Allow your accounts</h3>
          <p>Under User Management, add every account you will sign in with — for a restore, both the old and the new account.</p>
        </li>
        <li>
          <h3>Paste the Client ID below, save, and sign in</h3>
        </li>
      </ol>
      <form className="settings-form" onSubmit={submit}>
        <Field label="Client ID" value={v.clientId} onChange={form.set('clientId')} placeholder="32 letters and digits from the dashboard" envName={env('SPOTIFY_CLIENT_ID')} hint="Not a secret: it is saved in cassette.toml." />
        <Field
          label="Backups folder"
          value={v.backupsDir}
          onChange={form.set('backupsDir')}
          placeholder={s.backupsDirIsDefault ? s.backupsDir : 'Default: in the data folder'}
          envName={env('CASSETTE_BACKUPS_DIR')}
          hint="A full path; empty for the default."
        />
        <Field label="Complete runs to keep" value={v.keepRuns} onChange={form.set('keepRuns')} inputMode="numeric" pattern="[0-9]*" hint="Per account; the only complete run is never deleted." />
        <div className="field">
          <label className="field-label" htmlFor={scheduleId}>
            Schedule
          </label>
          <select id={scheduleId} className="select" value={v.schedule} onChange={(e) => form.set('schedule')(e.target.value)}>
            {SCHEDULES.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          <p className="field-hint">Every signed-in account, while Cassette runs; a run missed while it was closed starts when it opens.</p>
        </div>
        <div className="field">
          <label className="field-check">
            <input type="checkbox" checked={v.keepLikes === 'on'} onChange={(e) => form.set('keepLikes')(e.target.checked ? 'on' : 'off')} aria-describedby={keepLikesHint} />
            <span className="field-label">Keep my likes</span>
          </label>
          <p id={keepLikesHint} className="field-hint">
            Liked Songs become a playlist: the tracks you like and do not have are downloaded, on the schedule above or from Playlists.
          </p>
        </div>
        <SectionActions dirty={form.dirty} saving={save.isPending} saved={save.isSuccess} saveError={save.error} />
      </form>
      {accounts.data ? <SpotifyAccounts data={accounts.data} /> : accounts.error ? <ErrorNotice title="Couldn't list the accounts" message={accounts.error.message} /> : null}
    </Card>
  );
}

function SpotifyAccounts({ data }: { data: SpotifyAccountsDto }) {
  const { signIn, signOut } = useSpotifySignIn();
  const [name, setName] = useState(data.accounts.length ? 'new' : 'main');
  const nameId = useId();
  const pending = data.signIns.filter((x) => x.state === 'waiting');
  const ended = data.signIns.filter((x) => x.state !== 'waiting');
  const warnings = data.accounts
    .filter((a) => a.expiringSoon)
    .map((a) => ({ account: a.account, expiresAt: a.consentExpiresAt, message: `The sign-in of ${a.account} expires around ${new Date(a.consentExpiresAt).toLocaleDateString()}: sign in again so scheduled backups keep working.` }));
  return (
    <div className="spotify-accounts">
      <h3 className="subheading">Accounts</h3>
      <ConsentWarnings warnings={warnings} />
      {data.accounts.length ? (
        <ul className="account-list" aria-label="Spotify accounts">
          {data.accounts.map((a) => (
            <li key={a.account} className="account-row">
              <span className="account-text">
                <strong>{a.account}</strong>
                <span className="muted">
                  {a.displayName} ({a.userId})
                </span>
              </span>
              <Button size="sm" icon="retry" onClick={() => signIn.mutate(a.account)}>
                Sign in again
              </Button>
              <Button size="sm" variant="ghost" icon="logout" busy={signOut.isPending && signOut.variables === a.account} onClick={() => signOut.mutate(a.account)} aria-label={`Sign out ${a.account}`}>
                Sign out
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No account signed in.</p>
      )}
      <form
        className="signin-row"
        onSubmit={(e) => {
          e.preventDefault();
          signIn.mutate(name.trim());
        }}
      >
        <div className="field">
          <label className="field-label" htmlFor={nameId}>
            Account name
          </label>
          <input id={nameId} className="input" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" spellCheck={false} />
        </div>
        <Button type="submit" variant="primary" icon="key" busy={signIn.isPending} disabled={!data.configured || !name.trim()}>
          Sign in to Spotify
        </Button>
      </form>
      {!data.configured ? <p className="field-hint">Save a Client ID first.</p> : null}
      {signIn.error ? <ErrorNotice title="Sign-in did not start" message={signIn.error.message} /> : null}
      {pending.map((p) => (
        <div key={p.account} className="note note-warning signin-wait" role="status">
          <span className="spinner spinner-accent" aria-hidden="true" />
          <div className="notice-body">
            <span>Waiting for the Spotify sign-in of {p.account} in your browser.</span>
            {p.authorizeUrl ? (
              <a href={p.authorizeUrl} target="_blank" rel="noreferrer">
                Open the Spotify sign-in page
              </a>
            ) : null}
          </div>
        </div>
      ))}
      {ended.map((p) => (
        <p key={p.account} className={`note ${p.state === 'signed_in' ? 'note-success' : 'note-warning'}`} role="status">
          {p.account}: {p.message}
        </p>
      ))}
    </div>
  );
}
