// Qobuz: sign in with a token, choose the folder, preview (dry run), start/stop a sync and watch it, and see how
// the last one went. Purchases land in the catalog (source qobuz), so the counters and the queue cover them.
import { useMutation } from '@tanstack/react-query';
import type { QobuzStatusDto } from '../../../shared/contract';
import { request, useApi, useConnectionState } from '../../api';
import { EmptyState, ErrorNotice } from '../../components';
import { PageHeader } from '../shell';
import { AccountCard } from './AccountCard';
import { PreviewCard } from './PreviewCard';
import { useQobuzStatus } from './qobuzQueries';
import { SignInCard } from './SignInCard';
import { SyncCard } from './SyncCard';
import { TokenHelpCard } from './TokenHelpCard';

export function QobuzPage() {
  const status = useQobuzStatus();
  const connection = useConnectionState();
  let body;
  if (status.data) {
    body = status.data.signedIn ? (
      <SignedIn status={status.data} />
    ) : (
      <div className="grid-2">
        <SignInCard problem={status.data.problem} credentials={status.data.credentials} />
        <TokenHelpCard checking={status.isFetching} onCheckAgain={() => void status.refetch()} />
      </div>
    );
  } else if (status.isError) {
    body =
      connection === 'open' ? (
        <ErrorNotice title="Couldn’t read the Qobuz status" message={status.error.message} onRetry={() => void status.refetch()} />
      ) : (
        <EmptyState icon="wifiOff" title="Waiting for Cassette">
          <p>This page loads as soon as the connection is back.</p>
        </EmptyState>
      );
  } else {
    body = (
      <div className="card qobuz-loading" role="status" aria-label="Checking your Qobuz account">
        <span className="skeleton skeleton-line" style={{ width: '40%' }} />
        <span className="skeleton skeleton-line" style={{ width: '70%' }} />
      </div>
    );
  }
  return (
    <>
      <PageHeader title="Qobuz" subtitle="Your Qobuz purchases, downloaded into one folder and kept complete." />
      <div className="stack qobuz-stack">{body}</div>
    </>
  );
}

function SignedIn({ status }: { status: QobuzStatusDto }) {
  const api = useApi();
  const preview = useMutation({ mutationFn: () => request(api, 'qobuz.preview') });
  return (
    <>
      <AccountCard status={status} onSignedOut={() => preview.reset()} />
      <SyncCard
        status={status}
        previewing={preview.isPending}
        onPreview={() => preview.mutate()}
        onSyncStart={() => preview.reset()}
        onFolderSaved={() => preview.reset()}
      />
      {preview.isIdle ? null : <PreviewCard pending={preview.isPending} error={preview.error} preview={preview.data} onRetry={() => preview.mutate()} />}
    </>
  );
}
