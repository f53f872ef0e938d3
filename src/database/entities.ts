import { Account } from '../accounts/account.entity.js';
import { ContentPreference } from '../accounts/content-preference.entity.js';
import { RecoveryCode } from '../accounts/recovery-code.entity.js';
import { AuthSession } from '../auth/auth-session.entity.js';
import { RefreshToken } from '../auth/refresh-token.entity.js';
import { BuddyBlock } from '../buddies/buddy-block.entity.js';
import { BuddyOffer } from '../buddies/buddy-offer.entity.js';
import { BuddyPair } from '../buddies/buddy-pair.entity.js';
import { ChatMessageRow } from '../chat/chat-message.entity.js';
import { ChatRoom } from '../chat/chat-room.entity.js';
import { CrisisAlert } from '../crisis/crisis-alert.entity.js';
import { CrisisAsk } from '../crisis/crisis-ask.entity.js';
import { CrisisAudit } from '../crisis/crisis-audit.entity.js';
import { CrisisDuty } from '../crisis/crisis-duty.entity.js';
import { CrisisResponder } from '../crisis/crisis-responder.entity.js';
import { CrisisRotaSlot } from '../crisis/crisis-rota-slot.entity.js';
import { ForumPost } from '../forums/forum-post.entity.js';
import { ForumReaction } from '../forums/forum-reaction.entity.js';
import { ForumReadMarker } from '../forums/forum-read-marker.entity.js';
import { ForumRevision } from '../forums/forum-revision.entity.js';
import { ForumThread } from '../forums/forum-thread.entity.js';
import { SupportGroup } from '../groups/group.entity.js';
import { GroupInvite } from '../groups/group-invite.entity.js';
import { GroupProposal } from '../groups/group-proposal.entity.js';
import { RuleProposal } from '../groups/rule-proposal.entity.js';
import { MemberMute } from '../groups/member-mute.entity.js';
import { Membership } from '../groups/membership.entity.js';
import { Appeal } from '../moderation/appeal.entity.js';
import { ModerationAction } from '../moderation/moderation-action.entity.js';
import { ModerationCase } from '../moderation/moderation-case.entity.js';
import { ModeratorApplication } from '../moderation/moderator-application.entity.js';
import { Notice } from '../moderation/notice.entity.js';
import { Report } from '../moderation/report.entity.js';
import { ChatSession } from '../sessions/chat-session.entity.js';
import { SessionHand } from '../sessions/session-hand.entity.js';
import { SessionSeries } from '../sessions/session-series.entity.js';
import { SessionSignup } from '../sessions/session-signup.entity.js';
import { SeriesSignup } from '../sessions/series-signup.entity.js';
import { WatchedWord } from '../safety/watched-word.entity.js';
import { GroupHost } from '../hosts/group-host.entity.js';
import { HostQuestion } from '../hosts/host-question.entity.js';
import { OfflineGroup } from '../groups/offline-group.entity.js';
import { SupportChat } from '../support-chats/support-chat.entity.js';
import {
  Notification,
  NotificationClaim,
  NotificationSetting,
  PushSubscriptionRow,
} from '../notifications/notification.entity.js';

/** Every entity, passed as classes: ESM has no __dirname globs. */
export const entities = [
  Account,
  RecoveryCode,
  AuthSession,
  RefreshToken,
  SupportGroup,
  Membership,
  MemberMute,
  GroupInvite,
  GroupProposal,
  RuleProposal,
  ForumThread,
  ForumPost,
  ForumRevision,
  ForumReaction,
  ForumReadMarker,
  ModerationCase,
  Report,
  ModerationAction,
  Appeal,
  Notice,
  ModeratorApplication,
  WatchedWord,
  ChatRoom,
  ChatMessageRow,
  ChatSession,
  SessionSignup,
  SessionSeries,
  SeriesSignup,
  SessionHand,
  BuddyOffer,
  BuddyPair,
  BuddyBlock,
  CrisisResponder,
  CrisisRotaSlot,
  CrisisDuty,
  CrisisAlert,
  CrisisAsk,
  CrisisAudit,
  SupportChat,
  Notification,
  NotificationSetting,
  ContentPreference,
  NotificationClaim,
  PushSubscriptionRow,
  GroupHost,
  HostQuestion,
  OfflineGroup,
];
