// Soulseek through slskd: its address, an API key (kept in the secret store), its downloads folder as this
// machine sees it, and the worst quality the queue still downloads from it (lossless always first).
import type { FormEvent } from 'react';
import { useId } from 'react';
import type { SettingsViewDto } from '../../../shared/contract';
import { Card } from '../../components';
import { Field } from './Field';
import { SectionActions } from './SectionActions';
import { useConnectionTest, useSaveSettings } from './settingsQueries';
import { useSectionForm } from './useSectionForm';

type MinQuality = SettingsViewDto['slskd']['minQuality'];

/** Best first; the default (MP3 192) keeps what Cassette always did. */
const QUALITY_CHOICES: { id: MinQuality; label: string }[] = [
  { id: 'lossless', label: 'FLAC only' },
  { id: 'mp3-320', label: 'Prefer FLAC, accept MP3 320' },
  { id: 'mp3-v0', label: 'Prefer FLAC, accept MP3 V0 or 320' },
  { id: 'mp3-256', label: 'Prefer FLAC, accept MP3 256 and better' },
  { id: 'mp3-192', label: 'Prefer FLAC, accept MP3 192 and better' },
  { id: 'any', label: 'Prefer FLAC, accept anything playable' },
];

export function SlskdSection({ settings }: { settings: SettingsViewDto }) {
  const s = settings.slskd;
  const qualityId = useId();
  const qualityHintId = useId();
  const env = (name: string) => (s.fromEnv.includes(name) ? name : undefined);
  const form = useSectionForm({ url: s.url ?? '', downloadsDir: s.downloadsDir ?? '', apiKey: '', minQuality: s.minQuality });
  const save = useSaveSettings();
  const test = useConnectionTest();
  const v = form.values;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      slskd: { url: v.url.trim() || null, downloadsDir: v.downloadsDir.trim() || null, minQuality: v.minQuality as MinQuality, ...(v.apiKey ? { apiKey: v.apiKey } : {}) },
    });
  };
  return (
    <Card title="Soulseek (slskd)" description="Fetches missing tracks from the Soulseek network through your slskd.">
      <form className="settings-form" onSubmit={submit}>
        <Field label="slskd address" value={v.url} onChange={form.set('url')} placeholder="http://localhost:5030" inputMode="url" envName={env('SLSKD_URL')} />
        <Field
          label="API key"
          type="password"
          value={v.apiKey}
          onChange={form.set('apiKey')}
          placeholder={s.hasApiKey ? 'Saved — type to replace' : 'Paste a read-write key'}
          hint="From slskd's settings (web.authentication.api_keys). Kept in the secret store, never in cassette.toml."
          envName={env('SLSKD_API_KEY')}
        />
        <Field
          label="Downloads folder"
          value={v.downloadsDir}
          onChange={form.set('downloadsDir')}
          placeholder="/srv/slskd/downloads"
          hint="slskd's downloads folder as seen from the machine running Cassette (a shared or mounted folder)."
          envName={env('SLSKD_DOWNLOADS_DIR')}
        />
        <div className="field">
          <label htmlFor={qualityId} className="field-label">
            Download quality
          </label>
          <select id={qualityId} className="input" value={v.minQuality} aria-describedby={qualityHintId} onChange={(e) => form.set('minQuality')(e.target.value)}>
            {QUALITY_CHOICES.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
          <p id={qualityHintId} className="field-hint">
            When Cassette searches Soulseek itself (missing tracks, Library downloads) it takes the best copy on offer and nothing below this; a file you pick on the Search page is fetched as it is. Applies to the next search.
          </p>
        </div>
        <SectionActions
          dirty={form.dirty}
          saving={save.isPending}
          saved={save.isSuccess}
          saveError={save.error}
          onTest={() => test.mutate({ service: 'slskd', url: v.url.trim() || undefined, downloadsDir: v.downloadsDir.trim() || undefined, ...(v.apiKey ? { apiKey: v.apiKey } : {}) })}
          testing={test.isPending}
          testResult={test.data}
          testError={test.error}
        />
      </form>
    </Card>
  );
}
