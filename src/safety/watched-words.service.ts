import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import type { WatchedWordAction } from '../contracts/moderation.js';
import { MembershipService } from '../groups/membership.service.js';
import { DomainError } from '../common/domain-error.js';
import { DomainEvents } from '../events/domain-events.js';
import { CrisisAuditLog } from '../crisis/crisis-audit.service.js';
import { recordAction } from '../moderation/audit-log.js';
import { WatchedWord } from './watched-word.entity.js';
import { serverText } from '../contracts/server-texts.js';

export interface WatchedWordView {
  id: string;
  phrase: string;
  action: WatchedWordAction;
  scope: 'group' | 'site';
}

const notFound = () => new DomainError('not_found', 'There is no such watched word.');
const adminsOnly = () => new DomainError('forbidden', 'Only admins edit the site-wide lists.');

/** Watched words per group (its moderators) and site-wide (admins, including the crisis list). */
@Injectable()
export class WatchedWordsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipService,
    private readonly events: DomainEvents,
    private readonly siteAudit: CrisisAuditLog,
  ) {}

  async listForGroup(actor: Actor, slug: string): Promise<WatchedWordView[]> {
    const { group } = await this.memberships.requireModerator(actor, slug);
    const words = await this.dataSource.getRepository(WatchedWord).find({
      where: [{ groupId: group.id }, { groupId: IsNull() }],
      order: { phrase: 'ASC' },
    });
    return words.map(view);
  }

  /** Adds a word to the group's list (moderators); the audit log names it, in the same transaction. */
  async addToGroup(actor: Actor, slug: string, phrase: string, action: WatchedWordAction): Promise<WatchedWordView> {
    const { group, membership } = await this.memberships.requireModerator(actor, slug);
    const word = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(manager.create(WatchedWord, { groupId: group.id, phrase, action }));
      await recordAction(manager, group.id, membership.id, {
        action: 'word-add',
        targetMembershipId: null,
        target: { kind: 'word', id: saved.id },
        reason: '',
        reasonText: serverText(`audit.word.${action}`, { phrase }),
      });
      return saved;
    });
    await this.events.emit('safety.watched-words-changed', { groupId: group.id });
    return view(word);
  }

  /** Removes a word from the group's list (moderators); the audit log keeps which one, in the same transaction. */
  async removeFromGroup(actor: Actor, slug: string, id: string): Promise<void> {
    const { group, membership } = await this.memberships.requireModerator(actor, slug);
    await this.dataSource.transaction(async (manager) => {
      const word = await manager.findOneBy(WatchedWord, { id, groupId: group.id });
      if (!word) {
        throw notFound();
      }
      await manager.delete(WatchedWord, { id: word.id });
      await recordAction(manager, group.id, membership.id, {
        action: 'word-remove',
        targetMembershipId: null,
        target: { kind: 'word', id: word.id },
        reason: '',
        reasonText: serverText(`audit.word.${word.action}`, { phrase: word.phrase }),
      });
    });
    await this.events.emit('safety.watched-words-changed', { groupId: group.id });
  }

  async listSite(actor: Actor): Promise<WatchedWordView[]> {
    if (actor.role !== 'admin') {
      throw adminsOnly();
    }
    return (
      await this.dataSource.getRepository(WatchedWord).find({ where: { groupId: IsNull() }, order: { phrase: 'ASC' } })
    ).map(view);
  }

  async addSite(actor: Actor, phrase: string, action: WatchedWordAction): Promise<WatchedWordView> {
    if (actor.role !== 'admin') {
      throw adminsOnly();
    }
    // Site-wide lists are admins' own: their changes go to the site-wide audit log, with the word.
    const word = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(WatchedWord, { groupId: null, phrase, action });
      await this.siteAudit.write(manager, {
        action: 'site-word-added',
        actor: { adminAccountId: actor.accountId },
        reason: '',
        reasonText: serverText(`audit.word.${action}`, { phrase }),
      });
      return saved;
    });
    await this.events.emit('safety.watched-words-changed', { groupId: null });
    return view(word);
  }

  async removeSite(actor: Actor, id: string): Promise<void> {
    if (actor.role !== 'admin') {
      throw adminsOnly();
    }
    await this.dataSource.transaction(async (manager) => {
      const word = await manager.findOneBy(WatchedWord, { id, groupId: IsNull() });
      if (!word) {
        throw notFound();
      }
      await manager.delete(WatchedWord, { id: word.id });
      await this.siteAudit.write(manager, {
        action: 'site-word-removed',
        actor: { adminAccountId: actor.accountId },
        reason: '',
        reasonText: serverText(`audit.word.${word.action}`, { phrase: word.phrase }),
      });
    });
    await this.events.emit('safety.watched-words-changed', { groupId: null });
  }
}

function view(word: WatchedWord): WatchedWordView {
  return { id: word.id, phrase: word.phrase, action: word.action, scope: word.groupId ? 'group' : 'site' };
}
