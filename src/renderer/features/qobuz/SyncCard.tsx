// Signed in: the folder, Preview, Start/Stop, the live run and the last run's summary. The preview it asks for is
// shown by the page (PreviewCard) below.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { QobuzStatusDto } from '../../../shared/contract';
import { request, useApi } from '../../api';
import { Button, Card, ErrorNotice } from '../../components';
import { FolderForm } from './FolderForm';
import { LastSyncSummary } from './LastSyncSummary';
import { qobuzStatusKey } from './qobuzQueries';
import { useQobuzRunStore } from './qobuzRunStore';
import { SyncProgress } from './SyncProgress';

export function SyncCard({ status, previewing, onPreview, onSyncStart, onFolderSaved }: {
  status: QobuzStatusDto;
  previewing: boolean;
  onPreview(): void;
  onSyncStart(): void;
  onFolderSaved(): void;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const run = useQobuzRunStore((s) => s.run);
  const begin = useQobuzRunStore((s) => s.begin);
  const setStatus = (s: QobuzStatusDto) => queryClient.setQueryData(qobuzStatusKey, s);
  const start = useMutation({
    mutationFn: () => request(api, 'qobuz.sync.start'),
    onMutate: () => {
      begin();
      onSyncStart();
    },
    onSuccess: setStatus,
  });
  const stop = useMutation({ mutationFn: () => request(api, 'qobuz.sync.stop'), onSuccess: setStatus });

  // The draft folder; when the saved one changes elsewhere and the draft was untouched, it follows.
  const saved = status.folder;
  const [draft, setDraft] = useState(saved ?? '');
  const [seenSaved, setSeenSaved] = useState(saved);
  if (seenSaved !== saved) {
    setSeenSaved(saved);
    if (draft.trim() === (seenSaved ?? '')) setDraft(saved ?? '');
  }
  const dirty = draft.trim() !== (saved ?? '');
  const syncing = status.syncing;
  const ready = Boolean(saved) && !dirty;

  // Start becomes Stop and back: keep keyboard focus on the action instead of dropping it to the page.
  const actionsRef = useRef<HTMLDivElement>(null);
  const focusInActions = useRef(false);
  useEffect(() => {
    if (!focusInActions.current) return;
    const active = document.activeElement;
    if (active && active !== document.body && actionsRef.current?.contains(active)) return;
    actionsRef.current?.querySelector<HTMLButtonElement>('button[data-main-action]:not(:disabled)')?.focus({ preventScroll: true });
  }, [syncing]);

  let hint: ReactNode = null;
  if (!saved) hint = 'Choose the folder first.';
  else if (dirty) hint = 'Save the folder to preview or sync into it.';

  return (
    <Card
      title="Sync purchases"
      description="Downloads every album and track you bought that isn’t in the folder yet, as tagged MP3 files. Files already there are kept, and the purchases join your catalog."
    >
      <FolderForm saved={saved} draft={draft} onDraftChange={setDraft} locked={syncing} onSaved={onFolderSaved} />
      <div
        className="sync-actions"
        ref={actionsRef}
        onFocus={() => (focusInActions.current = true)}
        onBlur={(e) => {
          if (!actionsRef.current?.contains(e.relatedTarget as Node | null)) focusInActions.current = e.relatedTarget === null;
        }}
      >
        <Button icon="eye" busy={previewing} disabled={!ready || syncing} onClick={onPreview}>
          Preview
        </Button>
        {syncing ? (
          <Button icon="stop" data-main-action busy={stop.isPending} onClick={() => stop.mutate()}>
            Stop sync
          </Button>
        ) : (
          <Button variant="primary" icon="download" data-main-action busy={start.isPending} disabled={!ready || previewing} onClick={() => start.mutate()}>
            Start sync
          </Button>
        )}
        {hint ? <span className="muted sync-hint">{hint}</span> : null}
      </div>
      {start.isError ? <ErrorNotice title="Couldn’t start the sync" message={start.error.message} /> : null}
      {stop.isError ? <ErrorNotice title="Couldn’t stop the sync" message={stop.error.message} onRetry={() => stop.mutate()} /> : null}
      {syncing ? <SyncProgress run={run} server={status.run} stopping={stop.isPending} /> : status.lastSync ? <LastSyncSummary last={status.lastSync} /> : null}
    </Card>
  );
}
