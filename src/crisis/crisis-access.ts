import type { EntityManager } from 'typeorm';
import type { CrisisAccess } from '../contracts/crisis.js';
import { activeModeratorSql, activeResponderSql } from './active-volunteer.js';

/**
 * What the crisis safety net lets this account use, by the same rules as the desk and duty doors
 * (`RespondersService.requireDeskUser`, going on duty): the client asks for the desk or duty only
 * when these say so. A plain function, so the account's own view can read it without a module cycle.
 */
export async function crisisAccessOf(
  manager: EntityManager,
  accountId: string,
  role: 'member' | 'admin',
): Promise<CrisisAccess> {
  const [row] = await manager.query<{ responder: boolean; moderates: boolean }[]>(
    `SELECT EXISTS (SELECT 1 FROM crisis_responder r WHERE r.account_id = $1 AND ${activeResponderSql('r')}) AS responder,
            EXISTS (SELECT 1 FROM membership m WHERE m.account_id = $1 AND ${activeModeratorSql('m')}) AS moderates`,
    [accountId],
  );
  const responder = row?.responder === true;
  return { responder, desk: responder || role === 'admin', duty: responder || row?.moderates === true };
}
