// A library server known by its address (in cassette.toml) and one secret (in the secret store): Plex and
// Jellyfin as libraries for the "do I own it?" check. Each is this form with its own words.
import type { FormEvent } from 'react';
import type { SettingsViewDto } from '../../../shared/contract';
import { Card } from '../../components';
import { Field } from './Field';
import { SectionActions } from './SectionActions';
import { useConnectionTest, useSaveSettings } from './settingsQueries';
import { useSectionForm } from './useSectionForm';

interface ServerWords {
  service: 'plex' | 'jellyfin';
  /** The patch's (and the connection test's) name for the secret. */
  secretKey: 'token' | 'apiKey';
  name: string;
  urlEnv: string;
  secretEnv: string;
  urlPlaceholder: string;
  secretLabel: string;
  secretPlaceholder: string;
  secretHint: string;
  /** "token", "API key": what "is forgotten" when the address is cleared. */
  secretNoun: string;
}

export function UrlAndSecretSection({ settings, words: w }: { settings: SettingsViewDto; words: ServerWords }) {
  const view = settings[w.service];
  const hasSecret = 'hasToken' in view ? view.hasToken : view.hasApiKey;
  const env = (name: string) => (view.fromEnv.includes(name) ? name : undefined);
  const form = useSectionForm({ url: view.url ?? '', secret: '' });
  const save = useSaveSettings();
  const test = useConnectionTest();
  const v = form.values;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const url = v.url.trim() || null;
    // Values the environment sets win anyway: they are not sent. Clearing the address forgets the secret too.
    const secret = env(w.secretEnv) ? {} : v.secret ? { [w.secretKey]: v.secret } : url === null ? { [w.secretKey]: null } : {};
    save.mutate({ [w.service]: { ...(env(w.urlEnv) ? {} : { url }), ...secret } });
  };
  return (
    <Card title={w.name} description={`Checks which tracks your ${w.name} music library already has, so they are not fetched again.`}>
      <form className="settings-form" onSubmit={submit}>
        <Field
          label={`${w.name} address`}
          value={v.url}
          onChange={form.set('url')}
          placeholder={w.urlPlaceholder}
          inputMode="url"
          envName={env(w.urlEnv)}
          hint={`Empty: ${w.name} is not used (and its ${w.secretNoun} is forgotten).`}
        />
        <Field
          label={w.secretLabel}
          type="password"
          value={v.secret}
          onChange={form.set('secret')}
          placeholder={hasSecret ? 'Saved — type to replace' : w.secretPlaceholder}
          hint={`${w.secretHint} Kept in the secret store, never in cassette.toml.`}
          envName={env(w.secretEnv)}
        />
        <SectionActions
          dirty={form.dirty}
          saving={save.isPending}
          saved={save.isSuccess}
          saveError={save.error}
          onTest={() => test.mutate({ service: w.service, url: v.url.trim() || undefined, ...(v.secret ? { [w.secretKey]: v.secret } : {}) })}
          testing={test.isPending}
          testResult={test.data}
          testError={test.error}
        />
      </form>
    </Card>
  );
}
