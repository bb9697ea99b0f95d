// Settings: one page for every service and folder. Each section saves on its own and takes effect at once.
import { useEffect } from 'react';
import { hrefFor } from '../../app/route';
import { ErrorNotice } from '../../components';
import { PageHeader } from '../shell';
import { SETTINGS_SECTIONS, type SettingsSection } from './sections';

/** The sections by group, groups in the order their first section comes. */
function sectionGroups(): [SettingsSection['group'], SettingsSection[]][] {
  const groups = new Map<SettingsSection['group'], SettingsSection[]>();
  for (const x of SETTINGS_SECTIONS) groups.set(x.group, [...(groups.get(x.group) ?? []), x]);
  return [...groups];
}

const groupLabelId = (group: string) => `settings-group-${group.replace(/\W+/g, '-').toLowerCase()}`;
import { useSettings } from './settingsQueries';

export function SettingsPage({ section }: { section?: string }) {
  const settings = useSettings();
  const s = settings.data;
  useEffect(() => {
    if (!section || !s) return;
    document.getElementById(`settings-${section}`)?.scrollIntoView({ block: 'start' });
  }, [section, s]);
  return (
    <>
      <PageHeader
        title="Settings"
        subtitle={s ? <>Saved to <code className="path">{s.file}</code>; keys and tokens go to the secret store.</> : 'Services and folders.'}
      />
      <nav className="settings-nav" aria-label="Settings sections">
        {sectionGroups().map(([group, items]) => (
          <div key={group} className="settings-nav-group">
            <span className="settings-nav-group-label" id={groupLabelId(group)}>
              {group}
            </span>
            <ul aria-labelledby={groupLabelId(group)}>
              {items.map((x) => (
                <li key={x.id}>
                  <a href={hrefFor({ page: 'settings', section: x.id })} aria-current={section === x.id ? 'location' : undefined}>
                    {x.label}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      {settings.isError ? <ErrorNotice title="Couldn't load the settings" message={settings.error.message} onRetry={() => void settings.refetch()} /> : null}
      {s?.notes.length ? (
        <div className="notice notice-warning" role="note">
          <div className="notice-body">
            {s.notes.map((n) => (
              <span key={n}>{n}</span>
            ))}
          </div>
        </div>
      ) : null}
      {s ? (
        <div className="stack stack-narrow settings-sections">
          {SETTINGS_SECTIONS.map(({ id, Component }) => (
            <div key={id} id={`settings-${id}`} className="settings-anchor">
              <Component settings={s} />
            </div>
          ))}
        </div>
      ) : settings.isPending ? (
        <p className="muted">Loading settings…</p>
      ) : null}
    </>
  );
}
