// The download sources Cassette knows. One definition, shared with the contract (the renderer shows it).
import { sourceId } from '../../shared/contract';
import type { z } from 'zod';

export type SourceId = z.infer<typeof sourceId>;
export const SOURCE_IDS: readonly SourceId[] = sourceId.options;

export function isSourceId(value: unknown): value is SourceId {
  return typeof value === 'string' && (SOURCE_IDS as readonly string[]).includes(value);
}
