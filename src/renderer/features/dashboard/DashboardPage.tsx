// Dashboard: the state of the collection at a glance, and the two things you can always do (import, reconcile).
import { useApi } from '../../api';
import { ErrorNotice, Icon } from '../../components';
import { ImportFolderCard, ReconcileCard } from '../library';
import { PageHeader } from '../shell';
import { SourceStatesCard } from '../sources';
import { useCatalogStatus } from '../status';
import { CounterGrid } from './CounterGrid';

export function DashboardPage() {
  const api = useApi();
  const status = useCatalogStatus();
  const empty = status.data?.songs === 0;
  return (
    <>
      <PageHeader title="Dashboard" subtitle="Everything Cassette knows about your music, live." />
      <div className="stack">
        {status.isError && api.connectionState() === 'open' ? (
          <ErrorNotice title="Couldn't load the counters" message={status.error.message} onRetry={() => void status.refetch()} />
        ) : null}
        {empty ? (
          <section className="welcome" aria-labelledby="welcome-heading">
            <div className="welcome-text">
              <div className="empty-state-icon">
                <Icon name="library" size={26} />
              </div>
              <h2 id="welcome-heading">No music in your catalog yet</h2>
              <p>
                Start with a folder of music you already have. Cassette records every track in it as downloaded and keeps an eye on the
                files from then on.
              </p>
              <p className="muted">Tracks you want but don't have yet show up as missing, and are fetched from your download sources.</p>
            </div>
            <ImportFolderCard title="Import your first folder" />
          </section>
        ) : null}
        <CounterGrid counters={status.data} />
        <SourceStatesCard />
        {empty ? null : (
          <div className="grid-2">
            <ImportFolderCard />
            <ReconcileCard />
          </div>
        )}
      </div>
    </>
  );
}
