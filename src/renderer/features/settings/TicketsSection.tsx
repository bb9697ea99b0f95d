// The ticket-based download service: its address, a token (kept in the secret store), how many tickets at once.
import type { FormEvent } from 'react';
import type { SettingsViewDto } from '../../../shared/contract';
import { Card } from '../../components';
import { Field } from './Field';
import { SectionActions } from './SectionActions';
import { useConnectionTest, useSaveSettings } from './settingsQueries';
import { useSectionForm } from './useSectionForm';

export function TicketsSection({ settings }: { settings: SettingsViewDto }) {
  const s = settings.tickets;
  const env = (name: string) => (s.fromEnv.includes(name) ? name : undefined);
  const form = useSectionForm({ url: s.url ?? '', token: '', concurrency: s.concurrency ? String(s.concurrency) : '' });
  const save = useSaveSettings();
  const test = useConnectionTest();
  const v = form.values;
  const concurrency = v.concurrency.trim() ? Number(v.concurrency) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ tickets: { url: v.url.trim() || null, concurrency, ...(v.token ? { token: v.token } : {}) } });
  };
  return (
    <Card title="Ticket service" description="Creates one ticket per missing track and collects the finished file.">
      <form className="settings-form" onSubmit={submit}>
        <Field label="Service address" value={v.url} onChange={form.set('url')} placeholder="http://localhost:7000" inputMode="url" envName={env('TICKETS_URL')} />
        <Field
          label="Token"
          type="password"
          value={v.token}
          onChange={form.set('token')}
          placeholder={s.hasToken ? 'Saved — type to replace' : 'Paste the service token'}
          hint="Kept in the secret store, never in cassette.toml."
          envName={env('TICKETS_TOKEN')}
        />
        <Field
          label="Tickets at once"
          value={v.concurrency}
          onChange={form.set('concurrency')}
          inputMode="numeric"
          pattern="[0-9]*"
          placeholder="2"
          hint="1 to 16; empty for the default (2)."
        />
        <SectionActions
          dirty={form.dirty}
          saving={save.isPending}
          saved={save.isSuccess}
          saveError={save.error}
          onTest={() => test.mutate({ service: 'tickets', url: v.url.trim() || undefined, ...(v.token ? { token: v.token } : {}) })}
          testing={test.isPending}
          testResult={test.data}
          testError={test.error}
        />
      </form>
    </Card>
  );
}
