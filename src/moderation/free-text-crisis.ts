import type { EntityManager } from 'typeorm';
import type { GroupAccess } from '../groups/membership.service.js';
import type { CasesService, PendingEvents } from './cases.service.js';
import { Notice } from './notice.entity.js';

/**
 * Raises a crisis case about a member whose words signalled crisis outside the forums and chat (an
 * appeal, a pledge or rule proposal), in the writer's transaction; `cases.flush(pending)` after the
 * commit announces it and tells the writer who knows. The case is about the member (no item to
 * link), so the escalation is the very one an asked case takes, but the member's notice says what
 * happened: we read what they wrote, not "you asked for someone".
 */
export async function raiseCrisisFromText(
  cases: CasesService,
  manager: EntityManager,
  access: Pick<GroupAccess, 'group' | 'membership'> & Partial<GroupAccess>,
  pending: PendingEvents,
): Promise<string> {
  const noticesBefore = pending.notices.length;
  const caseId = await cases.raiseCrisis(manager, { isModerator: false, ...access }, null, pending);
  for (const notice of pending.notices.slice(noticesBefore)) {
    await manager.update(Notice, { id: notice.noticeId }, { textCode: 'notice.crisis' });
  }
  return caseId;
}
