// Signed in: whose account, where its credentials come from, and signing out (only a token Cassette saved can
// be forgotten from here).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { QobuzStatusDto } from '../../../shared/contract';
import { request, useApi } from '../../api';
import { Button, ErrorNotice } from '../../components';
import { CREDENTIAL_LABELS } from './labels';
import { qobuzStatusKey } from './qobuzQueries';

const SIGN_OUT_ELSEWHERE = {
  env: 'To sign out, unset QOBUZ_TOKEN and restart Cassette.',
  config: 'To sign out, remove the token from config.toml.',
  password: 'To sign out, remove them from the configuration.',
} as const;

export function AccountCard({ status, onSignedOut }: { status: QobuzStatusDto; onSignedOut(): void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const signOut = useMutation({
    mutationFn: () => request(api, 'qobuz.signOut'),
    onSuccess: (s) => {
      queryClient.setQueryData(qobuzStatusKey, s);
      onSignedOut();
    },
  });
  const name = status.user?.name ?? 'your account';
  const external = status.credentials && status.credentials !== 'stored' ? SIGN_OUT_ELSEWHERE[status.credentials] : null;
  return (
    <section className="account-bar" aria-label="Qobuz account">
      <span className="account-avatar" aria-hidden="true">
        {name.charAt(0).toUpperCase()}
      </span>
      <div className="account-text">
        <p>
          Signed in as <strong>{name}</strong>
        </p>
        <p className="muted">{status.credentials ? CREDENTIAL_LABELS[status.credentials] : null}</p>
      </div>
      {external ? (
        <p className="account-note muted">{external}</p>
      ) : (
        <Button
          icon="logout"
          variant="ghost"
          busy={signOut.isPending}
          disabled={status.syncing}
          title={status.syncing ? 'Stop the sync before signing out' : undefined}
          onClick={() => signOut.mutate()}
        >
          Sign out
        </Button>
      )}
      {signOut.isError ? (
        <div className="account-error">
          <ErrorNotice title="Couldn’t sign out" message={signOut.error.message} />
        </div>
      ) : null}
    </section>
  );
}
