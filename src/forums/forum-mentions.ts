import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { ALIAS_SUGGESTIONS, type AliasQuery } from '../contracts/forums.js';
import type { MemberRef } from '../contracts/groups.js';
import type { DomainEventMap } from '../events/domain-events.js';
import { aliasKey } from '../groups/aliases.js';
import { Membership } from '../groups/membership.entity.js';
import { memberRef, MembershipService } from '../groups/membership.service.js';

/** The longest alias (`membership.alias_key`): a mention is never longer. */
const ALIAS_MAX = 24;
/** Mentions looked at in one text: more `@`s than this are plain text. */
const MENTIONS_MAX = 20;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Every alias key a text could name with `@`: for each `@` (not inside a word, so an e-mail
 * address names nobody), each prefix of what follows that ends at a word boundary, folded the way
 * aliases are compared (case, accents, spaces). Pure: the database decides which ones exist.
 */
export function mentionCandidates(body: string): string[] {
  const folded = aliasKeyText(body);
  const keys = new Set<string>();
  let found = 0;
  for (let at = folded.indexOf('@'); at !== -1 && found < MENTIONS_MAX; at = folded.indexOf('@', at + 1)) {
    if (at > 0 && WORD_CHAR.test(folded[at - 1])) {
      continue;
    }
    found += 1;
    const rest = folded.slice(at + 1, at + 1 + ALIAS_MAX + 1);
    for (let end = 1; end <= Math.min(rest.length, ALIAS_MAX); end += 1) {
      const next = rest[end];
      if (next === undefined || !WORD_CHAR.test(next)) {
        const key = rest.slice(0, end).trim();
        if (key) {
          keys.add(key);
        }
      }
    }
  }
  return [...keys];
}

/** The text folded as `aliasKey` folds an alias, without trimming (positions of `@` stay meaningful). */
function aliasKeyText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s._-]+/g, ' ');
}

/**
 * `@alias` mentions: resolved against the aliases of one group only, so the alias of someone in
 * another group names nobody here; and the group's aliases for autocomplete, to its members only.
 */
@Injectable()
export class ForumMentions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipService,
  ) {}

  /** The active members of the group each post names, keyed by post id; posts naming nobody are left out. */
  async resolve(
    manager: EntityManager,
    groupId: string,
    posts: { id: string; body: string }[],
  ): Promise<Map<string, Membership[]>> {
    const wanted = new Map(posts.map((post) => [post.id, mentionCandidates(post.body)]));
    const keys = [...new Set([...wanted.values()].flat())];
    const resolved = new Map<string, Membership[]>();
    if (keys.length === 0) {
      return resolved;
    }
    const members = await manager.findBy(Membership, { groupId, status: 'active', aliasKey: In(keys) });
    const byKey = new Map(members.map((member) => [member.aliasKey, member]));
    for (const [postId, candidates] of wanted) {
      const named = candidates.flatMap((key) => byKey.get(key) ?? []);
      if (named.length > 0) {
        resolved.set(postId, [...new Map(named.map((member) => [member.id, member])).values()]);
      }
    }
    return resolved;
  }

  /**
   * The mentions a visible post (a reply, or a thread's opening post) makes: one `forum.mentioned`
   * for each active member of its group it names by `@alias`, never its author. The one door both
   * a new post and an edit go through; emit them after the commit.
   */
  async named(
    manager: EntityManager,
    post: { groupId: string; threadId: string; postId: string; authorId: string; body: string },
  ): Promise<DomainEventMap['forum.mentioned'][]> {
    const { groupId, threadId, postId, authorId, body } = post;
    const named = (await this.resolve(manager, groupId, [{ id: postId, body }])).get(postId) ?? [];
    return named
      .filter((member) => member.id !== authorId)
      .map((member) => ({ groupId, threadId, postId, membershipId: member.id }));
  }

  /**
   * The mentions an edit adds: who the new text names and the earlier text did not (who it named
   * before was told then). Only for a post that is visible after the edit.
   */
  async added(
    manager: EntityManager,
    post: { groupId: string; threadId: string; postId: string; authorId: string },
    before: string,
    after: string,
  ): Promise<DomainEventMap['forum.mentioned'][]> {
    const earlier = new Set(
      (await this.named(manager, { ...post, body: before })).map((mention) => mention.membershipId),
    );
    return (await this.named(manager, { ...post, body: after })).filter(
      (mention) => !earlier.has(mention.membershipId),
    );
  }

  /**
   * Up to `ALIAS_SUGGESTIONS` active aliases of the group starting with what was typed (folded as
   * aliases are compared), for its members only: fails like `requireMember`.
   */
  async suggest(actor: Actor, slug: string, query: AliasQuery): Promise<MemberRef[]> {
    const manager = this.dataSource.manager;
    const access = await this.memberships.requireMember(actor, slug, manager);
    const prefix = aliasKey(query.q.replace(/^@/, '')).replace(/[\\%_]/g, (char) => `\\${char}`);
    const members = await manager
      .createQueryBuilder(Membership, 'm')
      .where('m.group_id = :groupId', { groupId: access.group.id })
      .andWhere(`m.status = 'active'`)
      .andWhere('m.id <> :self', { self: access.membership.id })
      .andWhere(`m.alias_key LIKE :prefix ESCAPE '\\'`, { prefix: `${prefix}%` })
      .orderBy('m.alias_key', 'ASC')
      .limit(ALIAS_SUGGESTIONS)
      .getMany();
    return members.map(memberRef);
  }
}
