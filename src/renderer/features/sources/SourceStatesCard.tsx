// Dashboard: each download source at a glance — set up or not, reachable or not, and what waits for it.
import { hrefFor } from '../../app/route';
import { Card, Icon } from '../../components';
import { formatCount, formatRelativeTime } from '../../format';
import type { SourceStateDto } from '../../../shared/contract';
import { useSourceStates } from './sourceQueries';

function tone(s: SourceStateDto): 'ok' | 'warn' | 'danger' | 'idle' {
  if (!s.configured) return s.waiting ? 'warn' : 'idle';
  if (s.reachable === false) return 'danger';
  if (s.reachable === true) return 'ok';
  return 'idle';
}

function stateLabel(s: SourceStateDto): string {
  if (!s.configured) return 'Not set up';
  if (s.reachable === true) return 'Connected';
  if (s.reachable === false) return s.problem === 'bad_key' ? 'Key refused' : s.problem === 'wrong_version' ? 'Wrong version' : 'Unreachable';
  return 'Checking…';
}

export function SourceStatesCard() {
  const states = useSourceStates();
  return (
    <Card title="Download sources" description="Where missing tracks are fetched from." actions={<a className="btn btn-ghost btn-sm" href={hrefFor({ page: 'settings' })}>Settings</a>}>
      {states.data ? (
        <ul className="source-states">
          {states.data.map((s) => (
            <li key={s.source} className={`source-state source-state-${tone(s)}`}>
              <span className="source-state-dot" aria-hidden="true" />
              <div className="source-state-text">
                <span className="source-state-name">
                  {s.label}
                  {s.isDefault ? <span className="chip chip-neutral">default</span> : null}
                </span>
                <span className="source-state-message">
                  <strong>{stateLabel(s)}</strong>
                  {s.configured && s.reachable !== null ? ` · ${s.message}` : ''}
                  {s.checkedAt ? <span className="muted"> · checked {formatRelativeTime(s.checkedAt, Date.now())}</span> : null}
                </span>
              </div>
              <span className="source-state-waiting tabular">
                {s.waiting ? (
                  <a href={hrefFor({ page: 'settings', section: s.source })}>
                    {formatCount(s.waiting)} waiting <Icon name="chevronRight" size={14} />
                  </a>
                ) : (
                  <span className="muted">nothing waiting</span>
                )}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{states.isError ? states.error.message : 'Loading…'}</p>
      )}
    </Card>
  );
}
