import type { EntityManager } from 'typeorm';
import type { CrisisStatus } from '../contracts/crisis.js';
import type { CrisisHelp } from '../contracts/forums.js';
import type { GroupLocale } from '../contracts/groups.js';
import type { SafetyService } from '../safety/safety.service.js';
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
    await manager.update(Notice, { id: notice.noticeId }, { textCode: 'notice.crisisWords' });
  }
  return caseId;
}

/**
 * After the commit: what a writer whose words signalled crisis is told. The crisis lines always; for
 * a member's raised case (`pending`) what is true of it now, `nobody_on_duty` when the crisis desk
 * cannot say (never a "someone knows" nobody checked). A guest (null) has no case to hear about.
 */
export async function crisisAnswer(
  cases: CasesService,
  safety: SafetyService,
  locale: GroupLocale,
  pending: PendingEvents | null,
): Promise<{ crisis: CrisisHelp; crisisStatus?: CrisisStatus }> {
  const crisis = safety.crisisLines(locale);
  if (!pending) {
    return { crisis };
  }
  const caseId = pending.crisis[0]?.caseId ?? '';
  const crisisStatus = (await cases.flush(pending)).crisisStatus ?? { caseId, state: 'nobody_on_duty' };
  return { crisis, crisisStatus };
}
