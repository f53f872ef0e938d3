import { CreateAccounts1795437496436 } from './1795437496436-CreateAccounts.js';
import { CreateGroups1795437779860 } from './1795437779860-CreateGroups.js';
import { AddModeration1795438938598 } from './1795438938598-AddModeration.js';
import { CreateForums1795439055583 } from './1795439055583-CreateForums.js';
import { CreateChat1795439713862 } from './1795439713862-CreateChat.js';
import { HoldForumItemsForReview1795440291264 } from './1795440291264-HoldForumItemsForReview.js';
import { HideChatMessages1795442510479 } from './1795442510479-HideChatMessages.js';
import { AddCrisisDesk1795450000000 } from './1795450000000-AddCrisisDesk.js';
import { AddSupportChats1795451000000 } from './1795451000000-AddSupportChats.js';
import { StartNewMembershipOnRejoin1795452000000 } from './1795452000000-StartNewMembershipOnRejoin.js';
import { CascadeAppealsWithMembership1795452100000 } from './1795452100000-CascadeAppealsWithMembership.js';
import { AddRecoveryCodeIndex1795453000000 } from './1795453000000-AddRecoveryCodeIndex.js';
import { AddForumClientKeys1795453100000 } from './1795453100000-AddForumClientKeys.js';
import { RecordCrisisAuditAdmin1795454200000 } from './1795454200000-RecordCrisisAuditAdmin.js';
import { AddGroupInformation1795461000000 } from './1795461000000-AddGroupInformation.js';
import { LetGroupsRunThemselves1795462000000 } from './1795462000000-LetGroupsRunThemselves.js';
import { AddNotifications1795463000000 } from './1795463000000-AddNotifications.js';
import { AddForumQuotes1795464000000 } from './1795464000000-AddForumQuotes.js';
import { AddAuthSessionDevice1795465000000 } from './1795465000000-AddAuthSessionDevice.js';
import { AddCrisisAsk1795466000000 } from './1795466000000-AddCrisisAsk.js';
import { CountActiveTimeAndOneOpenRuleProposal1795467000000 } from './1795467000000-CountActiveTimeAndOneOpenRuleProposal.js';
import { AddSessionSeries1795470000000 } from './1795470000000-AddSessionSeries.js';
import { AddGroupHosts1795471000000 } from './1795471000000-AddGroupHosts.js';
import { AddOfflineGroups1795471500000 } from './1795471500000-AddOfflineGroups.js';
import { AddContentWarningsEverywhere1795472000000 } from './1795472000000-AddContentWarningsEverywhere.js';
import { FoldWarnedTextByDefault1795472100000 } from './1795472100000-FoldWarnedTextByDefault.js';
import { CarryServerTextsAsCodes1795474000000 } from './1795474000000-CarryServerTextsAsCodes.js';
import { CodeCrisisAuditReasons1795482000000 } from './1795482000000-CodeCrisisAuditReasons.js';
import { RecordAuditActorKind1795483000000 } from './1795483000000-RecordAuditActorKind.js';
import { DropLoginFromCrisisAudit1795483100000 } from './1795483100000-DropLoginFromCrisisAudit.js';
import { TiePushToOwnDevice1795484100000 } from './1795484100000-TiePushToOwnDevice.js';
import { AddGroupProposalCategory1795484300000 } from './1795484300000-AddGroupProposalCategory.js';

/** Every migration, in order, passed as classes (ESM has no __dirname globs). */
export const migrations = [
  CreateAccounts1795437496436,
  CreateGroups1795437779860,
  AddModeration1795438938598,
  CreateForums1795439055583,
  CreateChat1795439713862,
  HoldForumItemsForReview1795440291264,
  HideChatMessages1795442510479,
  AddCrisisDesk1795450000000,
  AddSupportChats1795451000000,
  StartNewMembershipOnRejoin1795452000000,
  CascadeAppealsWithMembership1795452100000,
  AddRecoveryCodeIndex1795453000000,
  AddForumClientKeys1795453100000,
  RecordCrisisAuditAdmin1795454200000,
  AddGroupInformation1795461000000,
  LetGroupsRunThemselves1795462000000,
  AddNotifications1795463000000,
  AddForumQuotes1795464000000,
  AddAuthSessionDevice1795465000000,
  AddCrisisAsk1795466000000,
  CountActiveTimeAndOneOpenRuleProposal1795467000000,
  AddSessionSeries1795470000000,
  AddGroupHosts1795471000000,
  AddOfflineGroups1795471500000,
  AddContentWarningsEverywhere1795472000000,
  FoldWarnedTextByDefault1795472100000,
  CarryServerTextsAsCodes1795474000000,
  CodeCrisisAuditReasons1795482000000,
  RecordAuditActorKind1795483000000,
  DropLoginFromCrisisAudit1795483100000,
  TiePushToOwnDevice1795484100000,
  AddGroupProposalCategory1795484300000,
];
