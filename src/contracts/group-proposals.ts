import { z } from 'zod';
import {
  aliasSchema,
  GROUP_AUDIENCES,
  GROUP_LOCALES,
  type GroupAudience,
  type GroupLocale,
  type MemberRef,
} from './groups.js';
import { GROUP_CATEGORIES, type GroupCategory } from './group-info.js';
import { text } from './text.js';

/**
 * Groups that run themselves: members propose groups and pledge or rule changes, moderators step
 * down or pause and set the group's newcomer settings, referral codes and their printable card.
 */

const REASON_MISSING = 'Give a reason to decline: the member who proposed it reads it.';
const reason = text({ min: 3, max: 1000, multiline: true, required: REASON_MISSING, tooShort: REASON_MISSING });

/** A decline acts on what a member asked for: it takes a reason; an accept may give one. */
const decision = z.strictObject({ approve: z.boolean(), reason: reason.optional() }).superRefine((value, ctx) => {
  if (!value.approve && value.reason === undefined) {
    ctx.addIssue({ code: 'custom', path: ['reason'], message: REASON_MISSING });
  }
});

export const GROUP_PROPOSAL_STATUSES = ['open', 'approved', 'declined'] as const;
export type GroupProposalStatus = (typeof GROUP_PROPOSAL_STATUSES)[number];

export const groupProposalSchema = z.strictObject({
  name: text({ min: 3, max: 80 }),
  purpose: text({
    min: 20,
    max: 2000,
    multiline: true,
    tooShort: 'Say in at least 20 characters who the group is for.',
  }),
  audience: z.enum(GROUP_AUDIENCES),
  locale: z.enum(GROUP_LOCALES),
  /** The directory category; left out: `relatives` for a relatives' group, else `psychological`. */
  category: z.enum(GROUP_CATEGORIES).optional(),
  /** Become the new group's first moderator. */
  moderate: z.boolean().default(false),
  /** The alias to moderate under (generated when left out); only with `moderate`. */
  alias: aliasSchema.optional(),
});

/** An admin may set the new group's directory category when approving (else the proposal's stands). */
export const decideGroupProposalSchema = z
  .strictObject({ approve: z.boolean(), reason: reason.optional(), category: z.enum(GROUP_CATEGORIES).optional() })
  .superRefine((value, ctx) => {
    if (!value.approve && value.reason === undefined) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: REASON_MISSING });
    }
  });

/** The category a proposal without one gets: what its audience implies. */
export function proposalCategory(audience: GroupAudience, category?: GroupCategory): GroupCategory {
  return category ?? (audience === 'relatives' ? 'relatives' : 'psychological');
}

export type GroupProposalRequest = z.infer<typeof groupProposalSchema>;
export type DecideGroupProposalRequest = z.infer<typeof decideGroupProposalSchema>;

export interface GroupProposalView {
  id: string;
  name: string;
  purpose: string;
  audience: GroupAudience;
  locale: GroupLocale;
  category: GroupCategory;
  moderate: boolean;
  status: GroupProposalStatus;
  /** The admin's reason (always given with a decline). */
  reason: string | null;
  /** The group made from it, once approved. */
  group: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export const RULE_FIELDS = ['pledge', 'rules'] as const;
export type RuleField = (typeof RULE_FIELDS)[number];
export const RULE_PROPOSAL_STATUSES = ['open', 'accepted', 'declined'] as const;
export type RuleProposalStatus = (typeof RULE_PROPOSAL_STATUSES)[number];

export const ruleProposalSchema = z.strictObject({
  field: z.enum(RULE_FIELDS).default('pledge'),
  text: text({ min: 10, max: 4000, multiline: true }),
  note: text({ max: 1000, multiline: true }).optional(),
});

export const decideRuleProposalSchema = decision;

export type RuleProposalRequest = z.infer<typeof ruleProposalSchema>;
export type DecideRuleProposalRequest = z.infer<typeof decideRuleProposalSchema>;

export interface RuleProposalView {
  id: string;
  field: RuleField;
  text: string;
  note: string | null;
  /** Who proposed it, by their alias in this group. */
  proposer: MemberRef;
  status: RuleProposalStatus;
  reason: string | null;
  createdAt: string;
  decidedAt: string | null;
}

/** A group's newcomer settings, set by its moderators: each field changes only when named. */
export const groupSettingsSchema = z
  .strictObject({
    /** Hold this many first posts of every new member for a moderator's approval (0: off). */
    holdFirstPosts: z.number().int().min(0).max(20),
    /** Days a member belongs to the group before offering to be a buddy. */
    buddyMinDays: z.number().int().min(0).max(365),
  })
  .partial()
  .refine((value) => Object.keys(value).length > 0, { message: 'Name at least one setting to change.' });

export type GroupSettingsRequest = z.infer<typeof groupSettingsSchema>;

export interface GroupSettingsView {
  holdFirstPosts: number;
  buddyMinDays: number;
}

export const moderatorStatusSchema = z.strictObject({
  reason: text({ max: 500, multiline: true }).optional(),
});

export interface ModeratorStatusView {
  role: 'member' | 'moderator';
  paused: boolean;
}

export const referralSchema = z.strictObject({
  /** How many people it admits in all. */
  uses: z.number().int().min(1).max(500).default(25),
  /** Days until it stops working. */
  days: z.number().int().min(1).max(365).default(90),
});

export type ReferralRequest = z.infer<typeof referralSchema>;

/** A code as its group's moderators and admins see it: how often it was used, never by whom. */
export interface ReferralView {
  id: string;
  maxUses: number;
  used: number;
  expiresAt: string;
  createdAt: string;
  state: 'active' | 'expired' | 'used-up';
}

/** A code just made: the code itself is shown this once. */
export interface ReferralCreated extends ReferralView {
  code: string;
  /** The short link that joins with the code (`/r/<code>`). */
  link: string;
}

export const referralCardSchema = z.strictObject({
  /** A code of this group, to print on the card; without one the card points to the group's page. */
  code: text({ min: 1, max: 64, trim: false }).optional(),
});

export const referralLookupSchema = z.strictObject({
  code: text({ min: 1, max: 64, trim: false }),
});

/** What a short link tells its holder: the group to join (public facts only). */
export interface ReferralLookup {
  group: string;
  name: string;
  kind: 'open' | 'closed';
}

export type BuddyRefusalCode = 'buddy_too_soon' | 'buddy_own_crisis';

/** Whether the member may offer to be a buddy in the group, and if not why and from when. */
export interface BuddyEligibility {
  canOffer: boolean;
  refusal: { code: BuddyRefusalCode; message: string; possibleFrom: string | null } | null;
  minDays: number;
}
