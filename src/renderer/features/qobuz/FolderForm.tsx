// The folder purchases go to: an editable path, saved with qobuz.setFolder (which insists on an absolute path).
// The draft is owned by the caller, which holds back Preview/Start until it is saved.
import { useId, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request, useApi } from '../../api';
import { Button, ErrorNotice } from '../../components';
import { qobuzStatusKey } from './qobuzQueries';

export function FolderForm({ saved, draft, onDraftChange, locked, onSaved }: {
  saved: string | null;
  draft: string;
  onDraftChange(draft: string): void;
  /** A sync is running: the folder stays as it is. */
  locked: boolean;
  onSaved(): void;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const inputId = useId();
  const hintId = useId();
  const save = useMutation({
    mutationFn: (folder: string) => request(api, 'qobuz.setFolder', { folder }),
    onSuccess: (s) => {
      queryClient.setQueryData(qobuzStatusKey, s);
      onDraftChange(s.folder ?? '');
      onSaved();
    },
  });

  const change = (value: string) => {
    onDraftChange(value);
    if (save.isError) save.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const folder = draft.trim();
    if (folder && folder !== saved) save.mutate(folder);
  };
  const dirty = draft.trim() !== (saved ?? '');

  return (
    <form className="folder-form" onSubmit={submit} aria-busy={save.isPending}>
      <label htmlFor={inputId} className="field-label">
        Sync folder
      </label>
      <div className="field-row">
        <input
          id={inputId}
          className="input"
          name="folder"
          value={draft}
          onChange={(e) => change(e.target.value)}
          placeholder="/home/you/Music/Qobuz"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={hintId}
          aria-invalid={save.isError || undefined}
          readOnly={locked}
        />
        <Button type="submit" icon="folder" busy={save.isPending} disabled={locked || !dirty || !draft.trim()}>
          Save folder
        </Button>
      </div>
      <p id={hintId} className="field-hint">
        {locked
          ? 'The folder can be changed once the sync has finished.'
          : dirty && saved
            ? 'Not saved yet: Preview and Start sync use the saved folder until you save this one.'
            : 'The full path of a folder on the computer running Cassette. Purchases are filed as Artist/Album/NN - Title.mp3 inside it.'}
      </p>
      {save.isError ? <ErrorNotice title="Couldn’t use this folder" message={save.error.message} /> : null}
    </form>
  );
}
