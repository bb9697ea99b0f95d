// Library: bring in folders you already own and check the catalog against the disk.
import { formatCount } from '../../format';
import { useCatalogStatus } from '../status';
import { PageHeader } from '../shell';
import { ImportFolderCard } from './ImportFolderCard';
import { ReconcileCard } from './ReconcileCard';

export function LibraryPage() {
  const status = useCatalogStatus();
  const s = status.data;
  return (
    <>
      <PageHeader
        title="Library"
        subtitle={
          s
            ? `${formatCount(s.songs)} songs by ${formatCount(s.artists)} artists on ${formatCount(s.albums)} albums · ${formatCount(s.downloaded)} on disk`
            : 'Your music on disk.'
        }
      />
      <div className="stack stack-narrow">
        <ImportFolderCard />
        <ReconcileCard />
      </div>
    </>
  );
}
