// A run's files: what each holds, how many items, and the start of its sha256 (the full one in the tooltip).
import type { BackupFilesDto } from '../../../shared/contract';

export function RunFiles({ files }: { files: BackupFilesDto }) {
  return (
    <div className="run-files">
      <h3 className="subheading">Files</h3>
      <ul className="file-list" aria-label="Files of this run">
        {files.files.map((f) => (
          <li key={f.name} className="file-row">
            <span className="file-name">
              <span>{f.title ?? (f.kind === 'cover' ? 'Cover image' : f.name)}</span>
              <code className="path">{f.name}</code>
            </span>
            <span className="file-items tabular">{f.items === null ? (f.kind === 'playlist' ? 'followed' : '') : `${f.items.toLocaleString()} items`}</span>
            <code className="file-sha" title={f.sha256}>
              {f.sha256.slice(0, 12)}
            </code>
            {f.reusedFrom ? <span className="muted file-reused">unchanged, copied</span> : null}
          </li>
        ))}
      </ul>
      {files.errors.length ? (
        <div className="note note-warning" role="note">
          <div className="notice-body">
            <strong>Problems in this run</strong>
            {files.errors.map((e, i) => (
              <span key={i}>
                {e.file ? `${e.file}: ` : ''}
                {e.message}
              </span>
            ))}
          </div>
        </div>
      ) : null}
    </div>
  );
}
