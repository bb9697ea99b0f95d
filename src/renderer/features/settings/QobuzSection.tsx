// Qobuz: the account is managed on the Qobuz page (sign-in, folder); here it is tested like every other service.
import { useQuery } from '@tanstack/react-query';
import { hrefFor } from '../../app/route';
import { request, useApi } from '../../api';
import { Button, Card } from '../../components';
import { ConnectionTestResult } from './ConnectionTestResult';
import { useConnectionTest } from './settingsQueries';

export function QobuzSection() {
  const api = useApi();
  const status = useQuery({ queryKey: ['qobuz.status'], queryFn: () => request(api, 'qobuz.status') });
  const test = useConnectionTest();
  const q = status.data;
  return (
    <Card title="Qobuz" description="Your purchases, downloaded as tagged MP3 320; also a download source once signed in.">
      <p className="settings-line">
        {q ? (q.signedIn ? `Signed in as ${q.user?.name ?? 'you'}.` : q.problem ? q.problem : 'Not signed in.') : 'Loading…'}
        {q?.folder ? (
          <>
            {' '}Purchases go to <code className="path">{q.folder}</code>.
          </>
        ) : null}
      </p>
      <div className="settings-actions">
        <Button icon="plug" busy={test.isPending} onClick={() => test.mutate({ service: 'qobuz' })}>
          Test connection
        </Button>
        <a className="btn btn-ghost btn-md" href={hrefFor({ page: 'qobuz' })}>
          {q?.signedIn ? 'Open the Qobuz page' : 'Sign in on the Qobuz page'}
        </a>
      </div>
      <ConnectionTestResult result={test.data} error={test.error} />
    </Card>
  );
}
