import { CreateAccounts1795437496436 } from './1795437496436-CreateAccounts.js';
import { CreateGroups1795437779860 } from './1795437779860-CreateGroups.js';

/** Every migration, in order, passed as classes (ESM has no __dirname globs). */
export const migrations = [CreateAccounts1795437496436, CreateGroups1795437779860];
