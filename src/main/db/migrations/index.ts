import { migration001 } from './001_catalog';
import { migration002 } from './002_queue';
import { migration003 } from './003_queue_worker';
import { migration004 } from './004_spotify_lookup_cache';
import { migration005 } from './005_track_file_facts';
import { migration006 } from './006_library_search';
import { migration007 } from './007_filing_journal';
import { migration008 } from './008_library_index';
import { migration009 } from './009_mirror_blocking_keys';
import { migration010 } from './010_peer_review';
import { migration011 } from './011_run_notices';
import { migration012 } from './012_filing_metadata';

/** Numbered, frozen migrations; index + 1 is the `user_version` after applying it. */
export const migrations: readonly string[] = [
  migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011, migration012,
];
