// Import a folder of music the user already owns: files stay where they are and count as downloaded.
import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request, useApi } from '../../api';
import { Button, Card, ErrorNotice, ProgressBar } from '../../components';
import { formatCount } from '../../format';
import { catalogStatusKey } from '../status';
import { useImportJobStore } from './importJobStore';

export function ImportFolderCard({ title = 'Import a folder' }: { title?: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const inputId = useId();
  const hintId = useId();
  const [folder, setFolder] = useState('');
  const progress = useImportJobStore((s) => s.progress);
  const setProgress = useImportJobStore((s) => s.setProgress);
  const importing = useMutation({
    mutationFn: (path: string) => request(api, 'catalog.import', { folder: path }),
    onMutate: () => setProgress(null),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: catalogStatusKey }),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const path = folder.trim();
    if (path) importing.mutate(path);
  };

  const report = importing.data;
  return (
    <Card title={title} description="Add music you already have. Files stay where they are; Cassette records them as downloaded.">
      <form className="import-form" onSubmit={submit} aria-busy={importing.isPending}>
        <label htmlFor={inputId} className="field-label">
          Music folder
        </label>
        <div className="field-row">
          <input
            id={inputId}
            className="input"
            name="folder"
            value={folder}
            onChange={(e) => setFolder(e.target.value)}
            placeholder="~/Music"
            autoComplete="off"
            spellCheck={false}
            required
            aria-describedby={hintId}
          />
          <Button type="submit" variant="primary" icon="folder" busy={importing.isPending}>
            Import
          </Button>
        </div>
        <p id={hintId} className="field-hint">
          A folder on the computer running Cassette: a full path or one starting with ~. Subfolders are included; files that do not play are skipped and listed.
        </p>
      </form>
      {importing.isPending ? (
        <div className="job-progress">
          <ProgressBar
            label="Import progress"
            value={progress && progress.total > 0 ? progress.done : null}
            max={progress?.total ?? 1}
            valueText={progress ? `${progress.done} of ${progress.total} files` : 'Starting'}
          />
          <p className="muted tabular">
            {progress ? `${progress.label} — ${formatCount(progress.done)} of ${formatCount(progress.total)} files` : 'Looking for audio files…'}
          </p>
        </div>
      ) : null}
      {importing.isError ? <ErrorNotice title="Import failed" message={importing.error.message} /> : null}
      {report ? (
        <div className="result" role="status">
          <p>
            <strong>
              {report.added + report.updated + report.unchanged === 0 && report.skipped.length === 0
                ? 'No audio files in this folder'
                : `Imported ${formatCount(report.added + report.updated)} ${report.added + report.updated === 1 ? 'track' : 'tracks'}`}
            </strong>
          </p>
          <p className="muted">
            from <code className="path">{report.folder}</code>
          </p>
          <ul className="import-summary" aria-label="Import summary">
            <li><span className="tabular">{formatCount(report.added)}</span> new</li>
            <li><span className="tabular">{formatCount(report.updated)}</span> updated</li>
            <li><span className="tabular">{formatCount(report.unchanged)}</span> unchanged</li>
            <li className={report.skipped.length ? 'warn' : undefined}>
              <span className="tabular">{formatCount(report.skipped.length)}</span> skipped
            </li>
          </ul>
          {report.skipped.length ? (
            <details className="details">
              <summary>
                {formatCount(report.skipped.length)} {report.skipped.length === 1 ? 'file' : 'files'} skipped — why
              </summary>
              <ul className="skipped-list">
                {report.skipped.slice(0, 200).map((s) => (
                  <li key={s.path}>
                    <code className="path">{s.path}</code> <span className="muted">{s.reason}</span>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}
