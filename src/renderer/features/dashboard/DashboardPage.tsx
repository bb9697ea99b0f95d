// Dashboard: the state of the collection at a glance, and the two things you can always do (import, reconcile).
import { EmptyState, ErrorNotice } from '../../components';
import { ImportFolderCard, ReconcileCard } from '../library';
import { PageHeader } from '../shell';
import { useCatalogStatus } from '../status';
import { CounterGrid } from './CounterGrid';
import { useApi } from '../../api';

export function DashboardPage() {
  const api = useApi();
  const status = useCatalogStatus();
  const empty = status.data?.songs === 0;
  return (
    <>
      <PageHeader title="Dashboard" subtitle="Everything Cassette knows about your music, live." />
      <div className="stack">
        {status.isError && status.error.message && api.connectionState() === 'open' ? (
          <ErrorNotice title="Couldn't load the counters" message={status.error.message} onRetry={() => void status.refetch()} />
        ) : null}
        <CounterGrid counters={status.data} />
        {empty ? (
          <div className="card">
            <EmptyState icon="library" title="No music in your catalog yet">
              <p>
                Start by importing a folder of music you already have: Cassette records every track as downloaded and keeps an eye on
                the files from then on.
              </p>
              <p className="muted">Tracks you want but don't have yet show up as missing and are fetched from your download sources.</p>
            </EmptyState>
          </div>
        ) : null}
        <div className="grid-2">
          <ImportFolderCard title={empty ? 'Import your first folder' : 'Import a folder'} />
          <ReconcileCard />
        </div>
      </div>
    </>
  );
}
