// Turns settings into running download sources.
import { createSlskdSource } from '../sources';
import { createTicketsSource } from '../sources';
import type { DownloadSource, SourceId } from '../base';
import type { HostSettings } from './hostSettings';

export function buildSources(settings: HostSettings): Partial<Record<SourceId, DownloadSource>> {
  const sources: Partial<Record<SourceId, DownloadSource>> = {};
  if (settings.slskd) sources.slskd = createSlskdSource(settings.slskd);
  if (settings.tickets) sources.tickets = createTicketsSource(settings.tickets);
  return sources;
}
