import { Account } from '../accounts/account.entity.js';
import { RecoveryCode } from '../accounts/recovery-code.entity.js';
import { AuthSession } from '../auth/auth-session.entity.js';
import { RefreshToken } from '../auth/refresh-token.entity.js';
import { SupportGroup } from '../groups/group.entity.js';
import { GroupInvite } from '../groups/group-invite.entity.js';
import { MemberMute } from '../groups/member-mute.entity.js';
import { Membership } from '../groups/membership.entity.js';

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
];
