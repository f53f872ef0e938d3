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
];
