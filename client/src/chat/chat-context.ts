import { navigate } from '../core/router.js';
import { type GroupContext, loadGroupContext } from '../groups/frame.js';
import { groupPath, isReading } from '../groups/groups.js';

/**
 * The group of a chat, sessions or buddies page, for a member who reads it; anyone else goes to
 * the group's page (which says why). Kept apart from the room, so the sessions and buddies lists
 * do not load Socket.IO's client.
 */
export async function chatContext(slug: string, signal: AbortSignal): Promise<GroupContext | null> {
  const context = await loadGroupContext(slug, signal);
  if (!isReading(context.membership)) {
    navigate(groupPath(slug), { replace: true });
    return null;
  }
  return context;
}
