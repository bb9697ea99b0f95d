// Turns settings into running download sources.
import { createSlskdSource, qualityPolicy, type SlskdConfigInput } from '../sources';
import { createTicketsSource } from '../sources';
import type { DownloadSource, SourceId } from '../base';
import type { HostSettings } from './hostSettings';

/** slskd timings a host may tune (tests, the demo); what the person sets comes from the settings only. */
export type SlskdTuning = Omit<Partial<SlskdConfigInput>, 'baseUrl' | 'apiKey' | 'downloadsDir' | 'minQuality' | 'qualityLadder'>;

export function buildSources(settings: HostSettings, slskdTuning: SlskdTuning = {}): Partial<Record<SourceId, DownloadSource>> {
  const sources: Partial<Record<SourceId, DownloadSource>> = {};
  if (settings.slskd) sources.slskd = createSlskdSource({ ...slskdTuning, ...settings.slskd, ...qualityPolicy(settings.slskdMinQuality) });
  if (settings.tickets) sources.tickets = createTicketsSource(settings.tickets);
  return sources;
}
