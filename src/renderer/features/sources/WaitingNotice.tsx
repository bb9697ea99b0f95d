// The top bar's "why nothing downloads": requests wait for a source that is not set up or cannot be reached.
import { hrefFor } from '../../app/route';
import { Icon } from '../../components';
import { formatCount } from '../../format';
import { blockedSources, useSourceStates } from './sourceQueries';

export function WaitingNotice() {
  const states = useSourceStates();
  const blocked = blockedSources(states.data);
  if (!blocked.length) return null;
  const first = blocked[0]!;
  const waiting = blocked.reduce((n, s) => n + s.waiting, 0);
  const why = first.configured ? `${first.label} is unreachable` : `${first.label} is not set up`;
  const more = blocked.length > 1 ? ` (+${blocked.length - 1} more)` : '';
  return (
    <a className="waiting-notice" href={hrefFor({ page: 'settings', section: first.source })} title={first.message}>
      <Icon name="alert" size={16} />
      <span className="waiting-notice-text">
        <span className="waiting-notice-long">
          {formatCount(waiting)} waiting: {why}
          {more}
        </span>
        <span className="waiting-notice-short" aria-hidden="true">
          {formatCount(waiting)} waiting
        </span>
      </span>
      <span className="waiting-notice-link">Settings</span>
    </a>
  );
}
