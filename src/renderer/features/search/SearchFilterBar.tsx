// Filters: formats as toggle buttons, a minimum quality. Applied by the core (search.results).
import type { SearchFileDto } from '../../../shared/contract';
import { useSearchPage } from './searchPageStore';
import type { SearchFiltersInput } from './searchQueries';

const FORMATS: { id: SearchFileDto['format']; label: string }[] = [
  { id: 'flac', label: 'FLAC' },
  { id: 'mp3', label: 'MP3' },
  { id: 'm4a', label: 'AAC' },
  { id: 'ogg', label: 'Ogg' },
  { id: 'opus', label: 'Opus' },
];
const MINIMUMS: { id: NonNullable<SearchFiltersInput['minQuality']>; label: string }[] = [
  { id: 'any', label: 'Any quality' },
  { id: 'mp3-192', label: 'MP3 192 or better' },
  { id: 'mp3-256', label: 'MP3 256 or better' },
  { id: 'mp3-v0', label: 'MP3 V0 or better' },
  { id: 'mp3-320', label: 'MP3 320 or better' },
  { id: 'lossless', label: 'Lossless only' },
];

export function SearchFilterBar() {
  const filters = useSearchPage((s) => s.filters);
  const setFilters = useSearchPage((s) => s.setFilters);
  const toggle = (id: SearchFileDto['format']) =>
    setFilters({ formats: filters.formats.includes(id) ? filters.formats.filter((f) => f !== id) : [...filters.formats, id] });
  return (
    <div className="search-filters" role="group" aria-label="Filters">
      <div className="segmented" role="group" aria-label="Formats">
        {FORMATS.map((f) => (
          <button key={f.id} type="button" aria-pressed={filters.formats.includes(f.id)} onClick={() => toggle(f.id)}>
            {f.label}
          </button>
        ))}
      </div>
      <label className="search-min">
        <span className="visually-hidden">Minimum quality</span>
        <select
          className="select select-sm"
          aria-label="Minimum quality"
          value={filters.minQuality}
          onChange={(e) => setFilters({ minQuality: e.target.value as (typeof MINIMUMS)[number]['id'] })}
        >
          {MINIMUMS.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
