// "Reconcile now": the catalog meets the disk. Gone files become missing (and are queued); found ones come back.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request, useApi } from '../../api';
import { Button, Card, ErrorNotice } from '../../components';
import { formatCount } from '../../format';
import { catalogStatusKey } from '../status';

const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

export function ReconcileCard() {
  const api = useApi();
  const queryClient = useQueryClient();
  const reconcile = useMutation({
    mutationFn: () => request(api, 'catalog.reconcile'),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: catalogStatusKey });
      void queryClient.invalidateQueries({ queryKey: ['queue.list'] });
      void queryClient.invalidateQueries({ queryKey: ['queue.count'] });
    },
  });
  const r = reconcile.data;
  return (
    <Card
      title="Reconcile"
      description="Checks every file in the catalog on disk. Files that have gone become missing and are queued for download."
    >
      <div className="card-row">
        <Button variant="secondary" icon="refresh" busy={reconcile.isPending} onClick={() => reconcile.mutate()}>
          Reconcile now
        </Button>
        <div role="status" className="reconcile-result">
          {r ? (
            <p>
              Checked {plural(r.checked, 'file')} in {formatCount(Math.round(r.ms))} ms: {formatCount(r.present)} present,{' '}
              {r.nowMissing ? <strong className="text-warning">{formatCount(r.nowMissing)} now missing</strong> : '0 now missing'},{' '}
              {formatCount(r.nowPresent)} found again. {r.queued ? `${plural(r.queued, 'track')} queued for download.` : 'Nothing new to download.'}
            </p>
          ) : null}
        </div>
      </div>
      {reconcile.isError ? <ErrorNotice title="Reconcile failed" message={reconcile.error.message} onRetry={() => reconcile.mutate()} /> : null}
    </Card>
  );
}
