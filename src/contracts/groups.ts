import { z } from 'zod';
import { text } from './text.js';

/** Group and membership payloads, shared by the server and the browser client. */

export const GROUP_LOCALES = ['nl', 'en'] as const;
export const GROUP_KINDS = ['open', 'closed'] as const;
export const GROUP_AUDIENCES = ['peers', 'relatives'] as const;

export type GroupLocale = (typeof GROUP_LOCALES)[number];
export type GroupKind = (typeof GROUP_KINDS)[number];
export type GroupAudience = (typeof GROUP_AUDIENCES)[number];

/** A group's slug, in a path or a query. */
export const slugSchema = text({ max: 60, trim: false })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use lower-case letters, digits and single dashes.')
  .min(3)
  .max(60);

/** A group's editable fields, without defaults: an edit changes only what it names. */
const groupFields = {
  name: text({ min: 3, max: 80 }),
  description: text({ min: 1, max: 2000, multiline: true }),
  pledge: text({ min: 10, max: 4000, multiline: true }),
  locale: z.enum(GROUP_LOCALES),
  kind: z.enum(GROUP_KINDS),
  audience: z.enum(GROUP_AUDIENCES),
  chatRetentionDays: z.number().int().min(1).max(365),
};

export const createGroupSchema = z.strictObject({
  ...groupFields,
  slug: slugSchema,
  kind: groupFields.kind.default('open'),
  audience: groupFields.audience.default('peers'),
  chatRetentionDays: groupFields.chatRetentionDays.default(30),
});

export const updateGroupSchema = z.strictObject(groupFields).partial();

export const aliasSchema = text({ min: 3, max: 24, tooShort: 'Use at least 3 characters.' }).regex(
  /^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u,
  'Use letters, digits, spaces and . _ - (starting with a letter or digit).',
);

export const joinGroupSchema = z.strictObject({
  pledgeAccepted: z.literal(true, { error: 'Accept the pledge to join: what is said here stays here.' }),
  alias: aliasSchema.optional(),
  inviteCode: text({ min: 1, max: 64 }).optional(),
});

export const acceptPledgeSchema = z.strictObject({
  pledgeAccepted: z.literal(true, { error: 'Accept the pledge to read on.' }),
});

export const leaveGroupSchema = z.strictObject({
  erase: z.boolean().default(false),
});

export const muteSchema = z.strictObject({
  memberId: z.uuid('Not a member id.'),
});

/** Declining acts on the member who asked: it takes a reason (for the audit log), approving may give one. */
export const decideJoinRequestSchema = z
  .strictObject({
    approve: z.boolean(),
    reason: text({ min: 3, max: 1000, multiline: true, tooShort: 'Use at least 3 characters.' }).optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.approve && value.reason === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'Give a reason to decline: it goes into the audit log.',
      });
    }
  });

export type CreateGroupRequest = z.infer<typeof createGroupSchema>;
export type UpdateGroupRequest = z.infer<typeof updateGroupSchema>;
export type JoinGroupRequest = z.infer<typeof joinGroupSchema>;

/** How a person appears in a group: the membership's own id and its alias, nothing that links groups. */
export interface MemberRef {
  memberId: string;
  alias: string;
  /** True once the member left the group; their words stay under the alias. */
  former?: boolean;
  /** True for the group's volunteer moderators (a visible badge). */
  moderator?: boolean;
}

export interface GroupSummary {
  slug: string;
  name: string;
  description: string;
  kind: GroupKind;
  audience: GroupAudience;
  locale: GroupLocale;
  memberCount: number;
}

export interface GroupDetail extends GroupSummary {
  pledge: string;
  pledgeVersion: number;
  chatRetentionDays: number;
  archived: boolean;
}

export type MembershipStatus = 'active' | 'pending' | 'left' | 'removed' | 'declined';

export interface MyMembership extends MemberRef {
  group: string;
  status: MembershipStatus;
  role: 'member' | 'moderator';
  /** False when the group's pledge changed since the member accepted it: accept again to read on. */
  pledgeCurrent: boolean;
}
