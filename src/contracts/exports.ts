import { z } from 'zod';
import type { ReactionKind } from './forums.js';
import type { GroupProposalStatus, RuleField, RuleProposalStatus } from './group-proposals.js';
import type { GroupAudience, GroupLocale, MembershipStatus } from './groups.js';
import type { ContentKind, ReportReason } from './moderation.js';
import type { NotificationKind } from './notifications.js';
import type { SupportChatStatus, VolunteerBadge } from './support-chats.js';

/**
 * A member's own data (the right of access, GDPR art. 15): `GET /api/me/export` (this JSON) and
 * `GET /api/me/export.html` (the same, as a page to read). Only what the member wrote or set
 * themselves, each item under the group and the alias it was written as; never another member's
 * words, and another member's alias only where Kring shows it to the member now (an open buddy
 * pair, the mute list of a group they are in). No account id and no membership id: the file
 * holds nothing that would tie the aliases together for anyone who does not hold it already.
 */

export const EXPORT_LANGUAGES = ['nl', 'en'] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];

export const exportPageQuerySchema = z.strictObject({
  lang: z.enum(EXPORT_LANGUAGES, { error: 'Use nl or en.' }).default('en'),
});
export type ExportPageQuery = z.infer<typeof exportPageQuerySchema>;

/** How many exports an account may download per hour (JSON and page together). */
export const EXPORTS_PER_HOUR = 5;

/** The kind of room a chat message was sent in. */
export type ExportRoomKind = 'group' | 'session' | 'buddy' | 'support';

export interface ExportGroup {
  slug: string;
  name: string;
}

/** Where an item was written: the group, and the member's own alias there. */
export interface ExportPlace {
  group: ExportGroup;
  alias: string;
}

export interface ExportMembership extends ExportPlace {
  status: MembershipStatus;
  role: 'member' | 'moderator';
  joinedAt: string;
  leftAt: string | null;
  pledgeVersion: number;
  pledgeAcceptedAt: string;
  mutedUntil: string | null;
  suspendedUntil: string | null;
}

/** Whether an item is still there as written, or how it stands. */
export interface ExportItemState {
  editedAt: string | null;
  /** Removed by the member: the text is purged a week later. */
  deletedAt: string | null;
  hiddenByModerator: boolean;
  heldForReview: boolean;
}

export interface ExportThread extends ExportPlace, ExportItemState {
  id: string;
  title: string;
  contentWarning: string | null;
  body: string;
  createdAt: string;
}

/** A reply: the thread is named by id only, its title being someone else's words unless the member started it. */
export interface ExportPost extends ExportPlace, ExportItemState {
  id: string;
  threadId: string;
  contentWarning: string | null;
  body: string;
  createdAt: string;
}

/** An earlier version of the member's own thread or reply. */
export interface ExportRevision extends ExportPlace {
  postId: string;
  threadId: string;
  title: string | null;
  contentWarning: string | null;
  body: string;
  writtenAt: string;
  replacedAt: string;
}

export interface ExportChatMessage extends ExportPlace {
  id: string;
  room: ExportRoomKind;
  /** The session's title for a session room; null for the group's room, a buddy chat or a support conversation. */
  session: string | null;
  sentAt: string;
  contentWarning: string | null;
  body: string;
  hiddenByModerator: boolean;
  heldForReview: boolean;
}

export interface ExportReaction extends ExportPlace {
  kind: ReactionKind;
  threadId: string;
  postId: string;
  createdAt: string;
}

export interface ExportBuddyOffer extends ExportPlace {
  capacity: number;
  paused: boolean;
  createdAt: string;
}

export interface ExportBuddyPair extends ExportPlace {
  /** The member's own side. */
  role: 'buddy' | 'newcomer';
  status: 'requested' | 'active' | 'declined' | 'ended';
  /** The other member's alias, only while the pair is open (as the buddy page shows it). */
  otherAlias: string | null;
  requestedAt: string;
  decidedAt: string | null;
  endedAt: string | null;
}

export interface ExportBuddyBlock extends ExportPlace {
  createdAt: string;
}

export interface ExportMute extends ExportPlace {
  /** The muted alias, only for a group the member is in now (as its mute list shows it). */
  mutedAlias: string | null;
  createdAt: string;
}

export interface ExportSessionSignup extends ExportPlace {
  session: string;
  startsAt: string;
  endsAt: string;
  facilitator: boolean;
  signedUpAt: string;
}

export interface ExportSupportChat extends ExportPlace {
  volunteer: VolunteerBadge;
  status: SupportChatStatus;
  offeredAt: string;
  decidedAt: string | null;
  closedAt: string | null;
}

export interface ExportReport extends ExportPlace {
  targetKind: ContentKind;
  targetId: string;
  reason: ReportReason;
  note: string | null;
  createdAt: string;
}

/** The member pressed "I want to talk to someone now" in a group (the case itself is the responders'). */
export interface ExportCrisisAsk extends ExportPlace {
  note: string | null;
  askedAt: string;
}

/** A question the account asked a group's hosts, as a guest or in its first weeks (the host's answer is theirs). */
export interface ExportHostQuestion {
  group: ExportGroup;
  /** Asked before joining (hosts saw a numbered guest label), or as a member (hosts saw the alias). */
  askedAs: 'guest' | 'member';
  question: string;
  askedAt: string;
  answered: boolean;
}

/**
 * An answer the member wrote as host of a group, under their alias there. The question it answers
 * is the asker's words and stays out.
 */
export interface ExportHostAnswer extends ExportPlace {
  answer: string;
  answeredAt: string;
}

export interface ExportAppeal extends ExportPlace {
  /** The kind of moderator action appealed (`warn`, `suspend`, …); the moderator's reason is theirs. */
  action: string;
  text: string;
  status: 'open' | 'upheld' | 'overturned';
  createdAt: string;
  decidedAt: string | null;
}

export interface ExportModeratorApplication extends ExportPlace {
  motivation: string;
  status: 'open' | 'approved' | 'declined';
  createdAt: string;
  decidedAt: string | null;
}

/** A change to a group's pledge or rules the member proposed; the deciding moderator's reason is theirs. */
export interface ExportRuleProposal extends ExportPlace {
  field: RuleField;
  text: string;
  note: string | null;
  status: RuleProposalStatus;
  createdAt: string;
  decidedAt: string | null;
}

/** A new group the member proposed (an account's own, before any group); the admin's reason is theirs. */
export interface ExportGroupProposal {
  name: string;
  purpose: string;
  audience: GroupAudience;
  locale: GroupLocale;
  moderate: boolean;
  /** The alias the member chose for the new group, if any. */
  alias: string | null;
  status: GroupProposalStatus;
  /** The group made from it, once approved. */
  group: ExportGroup | null;
  createdAt: string;
  decidedAt: string | null;
}

/** One kind of notification, on or off (the member's setting; on unless they turned it off). */
/** The account's reading preferences (one row, or none when never set): hidden words are the member's own words. */
export interface ExportContentPreferences {
  foldWarned: boolean;
  hiddenWords: string[];
}

export interface ExportNotificationSetting {
  kind: NotificationKind;
  enabled: boolean;
}

/** A device the member turned push notifications on for; its push address and keys are the device's secrets. */
export interface ExportPushDevice {
  language: 'nl' | 'en';
  createdAt: string;
}

export interface ExportReadMarker extends ExportPlace {
  threadId: string;
  lastReadSeq: number;
  readAt: string;
}

export interface MyDataExport {
  format: 'kring-export';
  version: 1;
  exportedAt: string;
  account: { loginName: string; role: 'member' | 'admin'; createdAt: string };
  memberships: ExportMembership[];
  threads: ExportThread[];
  posts: ExportPost[];
  revisions: ExportRevision[];
  chatMessages: ExportChatMessage[];
  reactions: ExportReaction[];
  readMarkers: ExportReadMarker[];
  buddyOffers: ExportBuddyOffer[];
  buddyPairs: ExportBuddyPair[];
  buddyBlocks: ExportBuddyBlock[];
  mutes: ExportMute[];
  sessionSignups: ExportSessionSignup[];
  supportChats: ExportSupportChat[];
  reports: ExportReport[];
  crisisAsks: ExportCrisisAsk[];
  hostQuestions: ExportHostQuestion[];
  hostAnswers: ExportHostAnswer[];
  appeals: ExportAppeal[];
  moderatorApplications: ExportModeratorApplication[];
  ruleProposals: ExportRuleProposal[];
  groupProposals: ExportGroupProposal[];
  notificationSettings: ExportNotificationSetting[];
  pushDevices: ExportPushDevice[];
  contentPreferences: ExportContentPreferences[];
}
