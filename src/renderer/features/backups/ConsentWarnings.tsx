// Sign-ins that expire soon (Spotify refresh tokens die 6 months after consent): scheduled backups would fail.
import type { ConsentWarningDto } from '../../../shared/contract';
import { Icon } from '../../components';

export function ConsentWarnings({ warnings }: { warnings: ConsentWarningDto[] }) {
  if (!warnings.length) return null;
  return (
    <div className="note note-warning consent-warnings" role="alert">
      <Icon name="alert" />
      <div className="notice-body">
        {warnings.map((w) => (
          <span key={w.account}>{w.message}</span>
        ))}
      </div>
    </div>
  );
}
