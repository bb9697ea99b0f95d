// What changed since the run before: likes and playlist items added or removed, tracks now unavailable.
import type { RunDiffDto } from '../../../shared/contract';

function Items({ label, items, sign }: { label: string; items: string[]; sign: string }) {
  if (!items.length) return null;
  return (
    <div className="diff-group">
      <span className="diff-label">{label}</span>
      <ul className="diff-items" aria-label={label}>
        {items.slice(0, 50).map((t, i) => (
          <li key={`${t}-${i}`}>
            <span aria-hidden="true" className={`diff-sign diff-sign-${sign === '+' ? 'add' : sign === '−' ? 'remove' : 'warn'}`}>
              {sign}
            </span>{' '}
            {t}
          </li>
        ))}
        {items.length > 50 ? <li className="muted">and {(items.length - 50).toLocaleString()} more</li> : null}
      </ul>
    </div>
  );
}

export function RunDiffView({ diff, previousName }: { diff: RunDiffDto; previousName: string }) {
  const likesChanged = diff.likesAdded.length + diff.likesRemoved.length + diff.likesBecameUnavailable.length > 0;
  return (
    <section className="run-diff" aria-label="Changes since the previous run">
      <h3 className="subheading">Changes since {previousName}</h3>
      {!likesChanged && !diff.playlists.length ? <p className="muted">Nothing changed.</p> : null}
      {likesChanged ? (
        <div className="diff-block">
          <h4>
            Liked Songs <span className="muted">+{diff.likesAdded.length} −{diff.likesRemoved.length}</span>
          </h4>
          <Items label="Likes added" items={diff.likesAdded} sign="+" />
          <Items label="Likes removed" items={diff.likesRemoved} sign="−" />
          <Items label="Likes now unavailable" items={diff.likesBecameUnavailable} sign="!" />
        </div>
      ) : null}
      {diff.playlists.map((p) => (
        <div key={p.id} className="diff-block">
          <h4>
            {p.name}{' '}
            <span className="muted">
              {p.change === 'changed' ? '' : `${p.change} · `}+{p.itemsAdded.length} −{p.itemsRemoved.length}
            </span>
          </h4>
          <Items label={`Added to ${p.name}`} items={p.itemsAdded} sign="+" />
          <Items label={`Removed from ${p.name}`} items={p.itemsRemoved} sign="−" />
          <Items label={`Now unavailable in ${p.name}`} items={p.becameUnavailable} sign="!" />
        </div>
      ))}
    </section>
  );
}
