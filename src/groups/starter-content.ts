import type { EntityManager } from 'typeorm';
import { ForumPost } from '../forums/forum-post.entity.js';
import { ForumThread } from '../forums/forum-thread.entity.js';
import { SupportGroup } from './group.entity.js';
import { joinTopics } from './directory.js';
import { STARTER_GROUPS } from './starter-groups.js';

/**
 * Writes the starter groups (starter-groups.ts) into an empty database, inside the caller's
 * transaction: each with its information page, topic words, its pair, and a pinned welcome thread in
 * the site's own voice (no author: no member account is made up to write it). Does nothing when
 * there is any group already, so an existing site is never touched.
 */
export async function seedStarterContent(manager: EntityManager): Promise<void> {
  if ((await manager.count(SupportGroup)) > 0) {
    return;
  }
  const ids = new Map<string, string>();
  for (const { welcome, pairWith: _pair, topics, ...fields } of STARTER_GROUPS) {
    const group = await manager.save(manager.create(SupportGroup, { ...fields, topics: joinTopics(topics) }));
    const now = new Date();
    const thread = await manager.save(
      manager.create(ForumThread, {
        groupId: group.id,
        authorId: null,
        siteVoice: true,
        title: welcome.title,
        pinnedAt: now,
        lastActivityAt: now,
      }),
    );
    await manager.insert(ForumPost, {
      threadId: thread.id,
      groupId: group.id,
      authorId: null,
      seq: 0,
      body: welcome.body,
    });
    await manager.update(SupportGroup, { id: group.id }, { welcomeThreadId: thread.id });
    ids.set(group.slug, group.id);
  }
  for (const starter of STARTER_GROUPS) {
    const partner = starter.pairWith && ids.get(starter.pairWith);
    if (partner) {
      await manager.update(SupportGroup, { slug: starter.slug }, { pairedGroupId: partner });
    }
  }
}
