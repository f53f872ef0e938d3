import { Account } from '../accounts/account.entity.js';
import { RecoveryCode } from '../accounts/recovery-code.entity.js';
import { AuthSession } from '../auth/auth-session.entity.js';
import { RefreshToken } from '../auth/refresh-token.entity.js';

/** Every entity, passed as classes: ESM has no __dirname globs. */
export const entities = [Account, RecoveryCode, AuthSession, RefreshToken];
