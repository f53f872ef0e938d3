import { z } from 'zod';
import type { GroupCategory } from './group-info.js';
import type { GroupAudience, GroupLocale } from './groups.js';
import { text } from './text.js';

/**
 * Groups that meet in person (offline groups), imported by admins from a CSV list of an umbrella
 * organisation, shown in the directory beside the online groups. Nothing in them is about a
 * member: each row is an organisation's public listing.
 */

/** The most rows one import takes (the seeds' Wegwijzer lists about 1,250 groups). */
export const OFFLINE_IMPORT_MAX_ROWS = 5000;

/** The most characters one import's CSV holds (UTF-16 units, as `String.length` counts). */
export const OFFLINE_IMPORT_MAX_CHARS = 2_000_000;

/**
 * The import's request body limit, its route's alone (every other request stays at 64 KiB): the
 * CSV's characters at up to 3 bytes each in UTF-8 (a JSON escape takes 2), and the JSON around them.
 */
export const OFFLINE_IMPORT_BODY_LIMIT_BYTES = 6 * 1024 * 1024;

/** An admin's CSV, pasted or read from a file. `replaceAll` also removes listed groups the CSV no longer names. */
export const offlineImportSchema = z.strictObject({
  csv: text({ min: 1, max: OFFLINE_IMPORT_MAX_CHARS, multiline: true, trim: false }),
  replaceAll: z.boolean().optional(),
});
export type OfflineImportRequest = z.infer<typeof offlineImportSchema>;

export interface OfflineImportResult {
  created: number;
  updated: number;
  removed: number;
  /** Offline groups listed after the import. */
  total: number;
}

/** An offline group as the directory shows it. */
export interface OfflineGroupEntry {
  id: string;
  name: string;
  topic: string;
  category: GroupCategory;
  region: string;
  rhythm: string;
  contact: string;
  audience: GroupAudience;
  locale: GroupLocale;
}
