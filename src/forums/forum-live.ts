import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import type { ChatNamespace, ChatSocket } from '../chat/chat-sockets.js';
import type { ForumPostChange, ForumRoom } from '../contracts/forums.js';
import { type DomainEventMap, DomainEvents } from '../events/domain-events.js';
import { MembershipService } from '../groups/membership.service.js';
import { ThreadsService } from './threads.service.js';

/** Socket.IO room names of the live forum; only the server sees them. */
const forumChannel = {
  list: (groupId: string) => `forum:${groupId}`,
  thread: (threadId: string) => `forum-thread:${threadId}`,
  /** One membership's forum connections: cut together when the membership ends. */
  member: (membershipId: string) => `forum-member:${membershipId}`,
};

/** What one connection follows, per room name: plain data, this process only. */
interface Followed {
  room: string;
  group: string;
  threadId: string | null;
  membershipId: string;
}

/**
 * The live forum: a room per thread (new replies, edits, removals) and one per group's thread
 * list (new activity). A connection joins only through the same doors as the REST reads
 * (`ThreadsService.open` for a thread, `requireMember` for the list). Events carry ids, never
 * text: a reader fetches the post through the REST door, so mutes, held posts and moderators'
 * views stay decided in one place. Every process hears the domain events (Redis relay) and
 * tells its own connections; when a membership ends its connections leave at once.
 */
@Injectable()
export class ForumLive implements OnModuleInit {
  private namespace?: ChatNamespace;
  private readonly followed = new WeakMap<ChatSocket, Map<string, Followed>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipService,
    private readonly threads: ThreadsService,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.events.on('forum.posted', ({ groupId, threadId, postId }) => this.tell(groupId, threadId, postId, 'new'));
    this.events.on('forum.changed', (event) => this.changed(event));
    this.events.on('content.visibility-changed', (event) => this.visibility(event));
    this.events.on('membership.ended', ({ membershipId }) => this.endMembership(membershipId));
  }

  /** Called once by the gateway when Socket.IO made the `/chat` namespace. */
  attach(namespace: ChatNamespace): void {
    this.namespace = namespace;
  }

  /**
   * Follows a thread (with `threadId`) or a forum's list, after the same access check as reading
   * it over REST. Fails like `requireMember`, or `not_found` for a thread the member may not read.
   */
  async join(actor: Actor, socket: ChatSocket, request: ForumRoom): Promise<void> {
    const { access, room } = await this.dataSource.transaction(async (manager) => {
      if (request.threadId) {
        const opened = await this.threads.open(manager, actor, request.group, request.threadId);
        return { access: opened.access, room: forumChannel.thread(opened.thread.id) };
      }
      const member = await this.memberships.requireMember(actor, request.group, manager);
      return { access: member, room: forumChannel.list(member.group.id) };
    });
    const followed = this.followed.get(socket) ?? new Map<string, Followed>();
    this.followed.set(socket, followed);
    followed.set(room, {
      room,
      group: request.group,
      threadId: request.threadId ?? null,
      membershipId: access.membership.id,
    });
    await socket.join([room, forumChannel.member(access.membership.id)]);
  }

  /** Stops following; following nothing is fine. */
  async leave(socket: ChatSocket, request: ForumRoom): Promise<void> {
    const followed = this.followed.get(socket);
    for (const entry of [...(followed?.values() ?? [])]) {
      if (entry.group === request.group && entry.threadId === (request.threadId ?? null)) {
        await this.drop(socket, entry);
      }
    }
  }

  private async changed({ groupId, threadId, postId, change }: DomainEventMap['forum.changed']): Promise<void> {
    await this.tell(groupId, threadId, postId, change === 'started' ? 'new' : change);
  }

  private async visibility(event: DomainEventMap['content.visibility-changed']): Promise<void> {
    if (event.kind === 'message' || !event.containerId) {
      return;
    }
    const threadId = event.containerId;
    const [post] =
      event.kind === 'post'
        ? [{ id: event.id }]
        : await this.dataSource.query<{ id: string }[]>('SELECT id FROM forum_post WHERE thread_id = $1 AND seq = 0', [
            threadId,
          ]);
    if (post) {
      await this.tell(event.groupId, threadId, post.id, event.hidden ? 'removed' : 'edited');
    }
  }

  /** To this process's connections: the thread's readers, and the list's watchers for new activity. */
  private tell(groupId: string, threadId: string, postId: string, change: ForumPostChange): Promise<void> {
    const namespace = this.namespace;
    if (!namespace) {
      return Promise.resolve(); // the CLI's application context has no sockets
    }
    for (const socket of this.localSockets(forumChannel.thread(threadId))) {
      const entry = this.followed.get(socket)?.get(forumChannel.thread(threadId));
      if (entry) {
        socket.emit('forum:post', { group: entry.group, threadId, postId, change });
      }
    }
    if (change === 'new') {
      for (const socket of this.localSockets(forumChannel.list(groupId))) {
        const entry = this.followed.get(socket)?.get(forumChannel.list(groupId));
        if (entry) {
          socket.emit('forum:activity', { group: entry.group, threadId });
        }
      }
    }
    return Promise.resolve();
  }

  /** A membership ended (left, removed, suspended, banned): its connections stop following its group at once. */
  private async endMembership(membershipId: string): Promise<void> {
    for (const socket of this.localSockets(forumChannel.member(membershipId))) {
      for (const entry of [...(this.followed.get(socket)?.values() ?? [])]) {
        if (entry.membershipId === membershipId) {
          await this.drop(socket, entry);
          socket.emit('forum:closed', { group: entry.group, threadId: entry.threadId, reason: 'membership_ended' });
        }
      }
    }
  }

  private async drop(socket: ChatSocket, entry: Followed): Promise<void> {
    const followed = this.followed.get(socket);
    followed?.delete(entry.room);
    await socket.leave(entry.room);
    if (![...(followed?.values() ?? [])].some((other) => other.membershipId === entry.membershipId)) {
      await socket.leave(forumChannel.member(entry.membershipId));
    }
  }

  private localSockets(name: string): ChatSocket[] {
    const namespace = this.namespace;
    if (!namespace) {
      return [];
    }
    const ids = namespace.adapter.rooms.get(name) ?? new Set<string>();
    return [...ids].map((id) => namespace.sockets.get(id)).filter((socket) => socket !== undefined);
  }
}
