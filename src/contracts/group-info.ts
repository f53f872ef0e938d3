import { z } from 'zod';
import { GROUP_AUDIENCES, GROUP_LOCALES, type GroupSummary } from './groups.js';
import { text } from './text.js';

/**
 * A group's information page (what a guest may read before joining), the searchable directory and
 * the pairing of a peer group with its relatives' group. Shared by the server and the browser client.
 */

/** The families of self-help groups the directory filters by (after Trefpunt Zelfhulp's Wegwijzer). */
export const GROUP_CATEGORIES = ['psychological', 'physical', 'addiction', 'social', 'relatives'] as const;
export type GroupCategory = (typeof GROUP_CATEGORIES)[number];

export const MAX_TOPICS = 20;

/** What a group's moderators edit on its information page; an edit changes only what it names. */
export const updateGroupInfoSchema = z
  .strictObject({
    description: text({ min: 1, max: 2000, multiline: true }),
    purpose: text({ max: 2000, multiline: true }),
    whoFor: text({ max: 2000, multiline: true }),
    sessionFormat: text({ max: 2000, multiline: true }),
    rules: text({ max: 4000, multiline: true }),
    topics: z
      .array(text({ min: 2, max: 40, tooShort: 'Use at least 2 characters.' }))
      .max(MAX_TOPICS, `Use at most ${MAX_TOPICS} topic words.`),
    category: z.enum(GROUP_CATEGORIES),
  })
  .partial()
  .refine((value) => Object.keys(value).length > 0, { message: 'Name at least one field to change.' });

export type UpdateGroupInfoRequest = z.infer<typeof updateGroupInfoSchema>;

/** The directory's search and filters, all optional: no filter lists every open group. */
export const directoryQuerySchema = z.strictObject({
  q: text({ max: 100 }).optional(),
  category: z.enum(GROUP_CATEGORIES).optional(),
  audience: z.enum(GROUP_AUDIENCES).optional(),
  language: z.enum(GROUP_LOCALES).optional(),
});

export type DirectoryQuery = z.infer<typeof directoryQuerySchema>;

/** An admin pairs a peer group with its relatives' group (or the other way round). */
export const pairGroupSchema = z.strictObject({
  with: text({ min: 3, max: 60 }),
});

/** The other group of a pair: only the group, never anything about its members. */
export interface PairedGroup {
  slug: string;
  name: string;
  audience: GroupSummary['audience'];
}

export interface DirectoryEntry extends GroupSummary {
  category: GroupCategory;
  topics: string[];
  pairedGroup: PairedGroup | null;
}

export interface GroupInfo extends DirectoryEntry {
  purpose: string;
  whoFor: string;
  sessionFormat: string;
  rules: string;
  pledge: string;
  /** Counts only: who the members and moderators are is for members' eyes. */
  moderatorCount: number;
  /** The start of the next scheduled session not yet over, or null. */
  nextSessionAt: string | null;
  archived: boolean;
}

/** The newcomer's welcome in a group: shown until dismissed, pointing to the introductions thread. */
export interface GroupWelcome {
  show: boolean;
  /** The pinned "introduce yourself" thread, when the group has one. */
  threadId: string | null;
}
