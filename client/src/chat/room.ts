import {
  type ChatMessage,
  type MessageSent,
  HISTORY_PAGE_MAX,
  MESSAGE_BODY_MAX,
  messageSendSchema,
  type RoomClosedReason,
  type RoomJoined,
  type RoomRef,
} from '../../../src/contracts/chat.js';
import { h, liveText, on, tr, uid } from '../core/dom.js';
import { describeError, FormController, schemaProblems } from '../core/forms.js';
import { ApiError } from '../core/http.js';
import { notice } from '../core/page.js';
import type { Notice } from '../../../src/contracts/moderation.js';
import { clearDraft, keepDraft } from '../core/drafts.js';
import { composeBox, detailsMessage } from '../forum/compose.js';
import { msg, type PlainKey, t } from '../i18n/i18n.js';
import { askPersonControl } from '../safety/ask-person.js';
import { CrisisPanel } from '../safety/crisis-panel.js';
import { signalsCrisis } from '../safety/crisis-watch.js';
import { noticeView } from '../safety/notice-view.js';
import type { ChatConnection, ConnectionState } from './connection.js';
import { Outbox } from './outbox.js';
import { chatWarningField } from './warning-field.js';
import { type MessageOptions, messageItem, noticeLink, removedItem } from './message.js';
import { RoomPeople, TypingLine } from './room-people.js';
import './chat.css';

/**
 * One chat room on screen: its messages in `seq` order, scroll-back through history, who is here,
 * who is typing, the box to write in (with the crisis lines beside it), and the connection's state.
 *
 * No gaps, no duplicates: every message is kept by its `seq`, so one that arrives twice (live and
 * in a catch-up) is shown once. After a reconnection the server either restores the connection
 * with what it missed (Socket.IO's recovery) or the room joins again with `sinceSeq` = the last
 * `seq` it has, repeating while the answer says `hasMore`. A message being sent keeps its
 * `clientMsgId` until it is acknowledged, and is sent again with it after a reconnection: the
 * server stores it once.
 */
export interface RoomOptions {
  connection: ChatConnection;
  ref: RoomRef;
  /** The reader's own member id in the group. */
  me: string;
  /** May set slow mode (moderators; a session's facilitator). */
  canLead: boolean;
  /** A moderator of the group: sees hidden and held messages marked, and acts on messages. */
  moderator: boolean;
  /** A session: who has the word, and (for who leads) giving it. */
  session?: boolean;
  label: PlainKey;
  /** Told each answer to `room:join` (a session's facilitation reads its state from it). */
  onJoined?: (answer: RoomJoined) => void;
  /** A link to one message (`?seq=`, from the moderation queue): shown, in view and marked, once joined. */
  focusSeq?: number;
}

const CLOSED_REASONS: Record<RoomClosedReason, PlainKey> = {
  membership_ended: 'chat.closedMembership',
  session_ended: 'chat.closedSession',
  signed_out: 'chat.closedSignedOut',
  buddy_ended: 'chat.closedBuddy',
  support_ended: 'chat.closedSupport',
};

export class ChatRoom {
  readonly element: HTMLElement;
  private readonly list = h('ol', { class: 'messages' });
  private readonly scroller: HTMLElement;
  private readonly messages = new Map<number, HTMLLIElement>();
  private readonly outbox: Outbox;
  private readonly people: RoomPeople;
  private readonly typing = new TypingLine();
  private readonly status = h('p', { class: 'connection', role: 'status' });
  private readonly announcer = h('div', { class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'false' });
  private readonly earlier = h('button', { type: 'button', class: 'button small', hidden: true });
  /** Shown while new messages arrived below what the reader looks at: takes them there. */
  private readonly jump = h('button', { type: 'button', class: 'button small jump-newest', hidden: true });
  /** The line above the first message that arrived while the reader was scrolled up. */
  private readonly marker = h('li', { class: 'new-marker' }, h('span', {}, tr('chat.newMarker')));
  private unseen = 0;
  private readonly problems = h('div', {});
  /** A caring notice (with the crisis lines) arriving while the member chats: under the box, where they look. */
  private readonly careRegion = h('div', { class: 'care-notices' });
  private readonly notices = h('div', {});
  private readonly form: FormController;
  private readonly box = composeBox({ name: 'body', label: 'chat.messageLabel', rows: 1 });
  /** The help after sending words that signal crisis: right under the box, where the member is looking. */
  private readonly crisisPanel = new CrisisPanel({ returnFocus: () => this.box.field.input });
  /** The next message's optional content warning. */
  private readonly warning = chatWarningField();
  /** The highest `seq` up to which this page has every message. */
  private lastSeq = 0;
  private firstSeq = Number.POSITIVE_INFINITY;
  private joined = false;
  private revealed = false;
  private closed = false;
  private lastTypingSent = 0;
  private readonly itemOptions: MessageOptions;
  /** Whether the chat contract takes `insist` (read from the shared schema). */
  private readonly insistSupported = 'insist' in (messageSendSchema.shape as Record<string, unknown>);
  private readonly unsubscribe: (() => void)[] = [];

  /** Where this room's unsent message is kept (core/drafts.ts). */
  private get draftPlace(): string {
    const { group, session, buddy, support } = this.options.ref;
    return `chat:${group}:${session ?? ''}:${buddy ?? ''}:${support ?? ''}`;
  }

  constructor(private readonly options: RoomOptions) {
    this.itemOptions = {
      me: options.me,
      slug: options.ref.group,
      moderator: options.moderator,
      onModerated: () => this.say('moderate.done'),
    };
    this.outbox = new Outbox(options.connection, options.ref, {
      show: (element) => {
        this.list.querySelector('.empty')?.remove();
        this.list.append(element);
        this.scrollToEnd();
      },
      delivered: (sent) => this.delivered(sent),
      refused: (body, error) => this.refused(body, error),
    });
    this.people = new RoomPeople({
      connection: options.connection,
      ref: options.ref,
      me: options.me,
      canLead: options.canLead,
      session: options.session ?? false,
      onError: (error) => this.problems.replaceChildren(notice(describeError(error), 'error')),
    });
    this.earlier.append(tr('chat.earlier'));
    on(this.earlier, 'click', () => void this.loadEarlier());
    this.scroller = h(
      'div',
      { class: 'message-scroller', tabindex: '0', role: 'region' },
      h('div', { class: 'earlier' }, this.earlier),
      this.list,
    );
    on(this.jump, 'click', () => {
      this.scrollToEnd();
      (this.form.element.hidden ? this.scroller : this.box.field.input).focus();
    });
    on(this.scroller, 'scroll', () => {
      if (this.nearEnd()) {
        this.seenAll();
      }
    });
    const scrollerLabel = uid('messages');
    const sideId = `${scrollerLabel}-side`;
    const peopleToggle = h(
      'button',
      { type: 'button', class: 'button small here-toggle', 'aria-expanded': 'false', 'aria-controls': sideId },
      tr('chat.hereNow'),
      ' (',
      this.people.count,
      ')',
    );
    on(peopleToggle, 'click', () => {
      const open = peopleToggle.getAttribute('aria-expanded') !== 'true';
      peopleToggle.setAttribute('aria-expanded', String(open));
      this.element.classList.toggle('people-open', open);
    });
    this.scroller.setAttribute('aria-labelledby', scrollerLabel);
    this.box.field.input.maxLength = MESSAGE_BODY_MAX;
    this.form = new FormController({
      fields: [this.box.field],
      submit: 'chat.send',
      body: [this.box.root, this.warning.root],
      className: 'form chat-form',
    });
    this.form.onSubmit(() => this.send());
    on(this.box.field.input, 'keydown', (event) => {
      // Enter sends, Shift+Enter makes a new line (said in the box's hint).
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.form.element.requestSubmit();
      }
    });
    on(this.box.field.input, 'input', () => {
      this.fitBox();
      this.sendTyping();
    });
    keepDraft(this.box.field.input, this.draftPlace);
    this.element = h(
      'section',
      { class: 'chat-room', 'aria-labelledby': scrollerLabel },
      h('h2', { id: scrollerLabel, class: 'visually-hidden' }, tr(options.label)),
      this.status,
      this.notices,
      h('div', { class: 'room-bar' }, peopleToggle),
      h(
        'div',
        { class: 'chat-layout' },
        h(
          'div',
          { class: 'chat-main' },
          h('div', { class: 'message-pane' }, this.scroller, this.jump),
          this.typing.element,
          options.session ? this.people.floorLine : null,
          this.people.slowLine,
          this.problems,
          this.form.element,
          options.ref.support === undefined ? askPersonControl(options.ref.group, this.crisisPanel) : null,
          this.crisisPanel.element,
          this.careRegion,
          h('p', { class: 'hint' }, tr('chat.enterHint')),
        ),
        h(
          'aside',
          { class: 'chat-side', id: sideId, 'aria-labelledby': `${scrollerLabel}-here` },
          h('h3', { id: `${scrollerLabel}-here` }, tr('chat.hereNow')),
          this.people.list,
          this.people.tools,
        ),
      ),
      this.announcer,
    );
    this.showState(options.connection.state);
    this.listen();
  }

  private get socket() {
    return this.options.connection.socket;
  }

  private sameRoom(ref: RoomRef): boolean {
    return (
      ref.group === this.options.ref.group &&
      ref.session === this.options.ref.session &&
      ref.buddy === this.options.ref.buddy &&
      ref.support === this.options.ref.support
    );
  }

  private listen(): void {
    const { connection } = this.options;
    this.unsubscribe.push(
      connection.onState((state, recovered) => {
        this.showState(state);
        if (state === 'connected' && !this.closed) {
          // A restored connection is still in the room and gets what it missed by itself.
          if (!recovered || !this.joined) {
            void this.join();
          }
          this.outbox.resend();
        }
      }),
    );
    this.socket.on('message:new', (message) => {
      if (this.sameRoom(message)) {
        this.add(message, true);
      }
    });
    this.socket.on('presence:update', ({ room, member, present }) => {
      if (this.sameRoom(room)) {
        this.people.update(member, present);
      }
    });
    this.socket.on('presence:sync', ({ room, presence }) => {
      if (this.sameRoom(room)) {
        this.people.reset(presence);
      }
    });
    this.socket.on('typing', ({ room, member }) => {
      if (this.sameRoom(room) && member.memberId !== this.options.me) {
        this.typing.show(member);
      }
    });
    this.socket.on('message:removed', (removed) => {
      if (this.sameRoom(removed)) {
        this.replace(removed.seq, null);
      }
    });
    this.socket.on('message:restored', (message) => {
      if (this.sameRoom(message)) {
        this.replace(message.seq, message);
      }
    });
    this.socket.on('notice', ({ group, notice: told }) => {
      if (group === this.options.ref.group) {
        this.showNotice(told);
      }
    });
    this.socket.on('crisis:status', (status) => {
      if (status.group === this.options.ref.group) {
        this.crisisPanel.update(status);
      }
    });
    this.socket.on('room:closed', ({ room, reason }) => {
      if (this.sameRoom(room)) {
        this.close(reason);
      }
    });
    this.socket.on('room:slow-mode', ({ room, seconds }) => {
      if (this.sameRoom(room)) {
        this.people.setSlowMode(seconds);
      }
    });
    this.socket.on('session:floor', ({ room, floor }) => {
      if (this.sameRoom(room)) {
        this.people.setFloor(floor);
      }
    });
    if (connection.state === 'connected') {
      void this.join();
    }
  }

  dispose(): void {
    this.unsubscribe.forEach((stop) => stop());
    this.typing.dispose();
  }

  private showState(state: ConnectionState): void {
    const key: Record<ConnectionState, PlainKey | null> = {
      connecting: 'chat.connecting',
      connected: null,
      reconnecting: 'chat.reconnecting',
      ended: 'chat.ended',
    };
    const shown = this.closed ? null : key[state];
    this.status.replaceChildren(...(shown ? [tr(shown)] : []));
    this.status.classList.toggle('shown', shown !== null);
    this.status.classList.toggle('problem', state === 'reconnecting' || state === 'ended');
    this.element?.classList.toggle('offline', state !== 'connected');
  }

  /** Joins (again): the last 50 messages the first time, then everything after `lastSeq`. */
  private async join(): Promise<void> {
    try {
      let answer: RoomJoined;
      do {
        const since = this.joined || this.lastSeq > 0 ? { sinceSeq: this.lastSeq } : {};
        answer = await this.options.connection.call('room:join', { ...this.options.ref, ...since });
        for (const message of answer.history) {
          this.add(message, false);
        }
        this.lastSeq = Math.max(this.lastSeq, answer.room.lastSeq);
      } while (answer.hasMore);
      this.joined = true;
      this.people.reset(answer.presence);
      this.people.setSlowMode(answer.room.slowModeSeconds);
      if (this.options.session) {
        this.people.setFloor(answer.room.floor ?? null);
      }
      this.options.onJoined?.(answer);
      this.earlier.hidden = !(this.firstSeq > 1 && this.messages.size > 0);
      if (this.messages.size === 0 && !this.list.querySelector('.empty')) {
        this.list.append(h('li', { class: 'empty' }, tr('chat.empty')));
      }
      this.problems.replaceChildren();
      this.scrollToEnd();
      void this.reveal();
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'room_closed' || error.code === 'not_found')) {
        this.close(null);
      }
      this.problems.replaceChildren(notice(describeError(error), 'error'));
    }
  }

  /** Puts a message in its place by `seq`, once. Live messages from others are read out. */
  private add(message: ChatMessage, live: boolean): void {
    if (this.messages.has(message.seq)) {
      return;
    }
    if (live && message.memberId === this.options.me) {
      // Our own message, back before its acknowledgement: it replaces its "sending…" line.
      this.outbox.arrived(message.body);
    }
    this.list.querySelector('.empty')?.remove();
    const nearEnd = this.nearEnd();
    const element = messageItem(message, this.itemOptions);
    this.messages.set(message.seq, element);
    const after = [...this.messages.keys()].filter((seq) => seq > message.seq).sort((a, b) => a - b)[0];
    this.list.insertBefore(element, after === undefined ? null : (this.messages.get(after) ?? null));
    if (message.seq === this.lastSeq + 1 || live) {
      this.lastSeq = Math.max(this.lastSeq, message.seq);
    }
    this.firstSeq = Math.min(this.firstSeq, message.seq);
    if (live && message.memberId !== this.options.me) {
      this.announcer.append(
        h(
          'p',
          {},
          message.muted
            ? liveText(() => t('chat.announceMuted'))
            : liveText(() => t('chat.announce', { alias: message.alias, body: message.body })),
        ),
      );
      // Keep the region short: screen readers read additions, not the whole history.
      while (this.announcer.childElementCount > 3) {
        this.announcer.firstElementChild?.remove();
      }
      this.typing.clear(message.memberId);
    }
    if (live && (nearEnd || message.memberId === this.options.me)) {
      this.scrollToEnd();
    } else if (live) {
      this.unseenArrived(element);
    }
  }

  private nearEnd(): boolean {
    return this.scroller.scrollHeight - this.scroller.scrollTop - this.scroller.clientHeight < 80;
  }

  /** A live message arrived below what the reader is looking at: mark where the new ones start, offer the jump. */
  private unseenArrived(element: HTMLLIElement): void {
    if (this.unseen === 0) {
      element.before(this.marker);
    }
    this.unseen += 1;
    this.jump.replaceChildren(liveText(() => t('chat.jumpNewest', { count: this.unseen })));
    this.jump.hidden = false;
  }

  /** The reader reached the newest message: the jump goes; the marker stays where the new ones began. */
  private seenAll(): void {
    this.unseen = 0;
    this.jump.hidden = true;
  }

  /**
   * Moderation changed a message: members no longer see a removed one (its place says so),
   * moderators see it marked; a restored one comes back in its place.
   */
  private replace(seq: number, message: ChatMessage | null): void {
    const existing = this.messages.get(seq);
    if (!message) {
      if (!existing) {
        return;
      }
      if (this.options.moderator) {
        const marked = existing.cloneNode(true) as HTMLLIElement;
        marked.classList.add('hidden-message');
        marked.querySelector('.message-meta')?.after(h('p', { class: 'placeholder' }, tr('chat.hiddenForModerators')));
        existing.replaceWith(marked);
        this.messages.set(seq, marked);
      } else {
        const placeholder = removedItem(seq);
        existing.replaceWith(placeholder);
        this.messages.set(seq, placeholder);
      }
      return;
    }
    if (existing) {
      const fresh = messageItem(message, this.itemOptions);
      existing.replaceWith(fresh);
      this.messages.set(seq, fresh);
    } else {
      this.add(message, false);
    }
  }

  /** A notice from the moderators arrived while the member is in the room: say so, with the crisis lines when it carries them. */
  private showNotice(told: Notice): void {
    if (told.kind === 'crisis' && this.crisisPanel.shown) {
      // The notice about the words just sent: the help beside the box already says it, with the lines.
      return;
    }
    if (told.kind === 'crisis' || told.kind === 'worry') {
      this.careRegion.replaceChildren(noticeView(this.options.ref.group, told));
    } else {
      this.notices.replaceChildren(noticeLink(this.options.ref.group));
    }
  }

  private say(key: PlainKey): void {
    this.announcer.append(h('p', {}, tr(key)));
  }

  /** Loads back to the linked message (a few pages at most), brings it into view and marks it. Once. */
  private async reveal(): Promise<void> {
    const seq = this.options.focusSeq;
    if (seq === undefined || this.revealed) {
      return;
    }
    this.revealed = true;
    try {
      for (let page = 0; page < 20 && !this.messages.has(seq) && this.firstSeq > seq; page += 1) {
        const { history } = await this.options.connection.call('room:history', {
          ...this.options.ref,
          beforeSeq: this.firstSeq,
          limit: HISTORY_PAGE_MAX,
        });
        if (!history.length) {
          break;
        }
        for (const message of history) {
          this.add(message, false);
        }
      }
      this.earlier.hidden = !(this.firstSeq > 1);
    } catch (error) {
      this.problems.replaceChildren(notice(describeError(error), 'error'));
    }
    const element = this.messages.get(seq);
    if (!element) {
      this.problems.replaceChildren(notice(msg('chat.focusGone')));
      return;
    }
    element.classList.add('focused-message');
    element.tabIndex = -1;
    element.scrollIntoView({ block: 'center' });
    element.focus({ preventScroll: true });
  }

  private async loadEarlier(): Promise<void> {
    if (!Number.isFinite(this.firstSeq) || this.firstSeq <= 1) {
      this.earlier.hidden = true;
      return;
    }
    this.earlier.setAttribute('aria-busy', 'true');
    try {
      const { history } = await this.options.connection.call('room:history', {
        ...this.options.ref,
        beforeSeq: this.firstSeq,
        limit: HISTORY_PAGE_MAX,
      });
      const height = this.scroller.scrollHeight;
      for (const message of history) {
        this.add(message, false);
      }
      // Keep what the reader was looking at in place.
      this.scroller.scrollTop += this.scroller.scrollHeight - height;
      this.earlier.hidden = history.length < HISTORY_PAGE_MAX || this.firstSeq <= 1;
      const first = history[0] ? this.messages.get(history[0].seq) : undefined;
      if (first) {
        first.tabIndex = -1;
        first.focus();
      }
      if (!history.length) {
        this.earlier.replaceWith(h('p', { class: 'hint' }, tr('chat.noEarlier')));
      }
    } catch (error) {
      this.problems.replaceChildren(notice(describeError(error), 'error'));
    } finally {
      this.earlier.removeAttribute('aria-busy');
    }
  }

  private async send(): Promise<void> {
    const body = this.box.field.input.value.trim();
    const clientMsgId = this.outbox.nextId();
    const problems = schemaProblems(messageSendSchema, {
      ...this.options.ref,
      clientMsgId,
      body,
      ...this.warning.request(),
    });
    if (problems.length) {
      this.form.showProblems(problems.map((problem) => ({ ...problem, field: 'body' })));
      return;
    }
    if (this.closed) {
      return;
    }
    const insist = !this.box.insist.root.hidden && this.box.insist.input.checked;
    this.box.insist.root.hidden = true;
    this.box.insist.input.checked = false;
    this.form.clearErrors();
    this.box.field.input.value = '';
    this.fitBox();
    clearDraft(this.draftPlace);
    this.box.recheck();
    if (signalsCrisis(body)) {
      // At once, from the words themselves; the server's answer then says who has the message.
      this.crisisPanel.show();
    }
    await this.outbox.send(clientMsgId, body, insist, this.warning.take());
    if (!this.crisisPanel.element.contains(document.activeElement)) {
      this.box.field.input.focus();
    }
  }

  private delivered(sent: MessageSent): void {
    this.add(sent.message, false);
    this.lastSeq = Math.max(this.lastSeq, sent.message.seq);
    if (sent.held) {
      this.say('post.held');
    }
    if (sent.crisis) {
      if (this.careRegion.querySelector('.kind-crisis')) {
        // The server's notice about these words came first: the help beside the box replaces it.
        this.careRegion.replaceChildren();
      }
      this.crisisPanel.show({ intro: sent.crisis.introText, status: sent.crisisStatus });
    }
  }

  /** Refused: the text goes back into the box, with the reason. */
  private refused(body: string, error: unknown): void {
    if (!this.box.field.input.value) {
      this.box.field.input.value = body;
      this.box.recheck();
      this.fitBox();
    }
    if (error instanceof ApiError && error.code === 'identifying_details') {
      // Say which detail, why it matters, and offer to send it anyway for a moderator to read first.
      this.box.insist.root.hidden = !this.insistSupported;
      this.form.showProblems(
        [{ field: 'body', message: detailsMessage(error) }],
        msg(this.insistSupported ? 'compose.identifyingInsist' : 'error.identifyingDetails'),
      );
      return;
    }
    this.problems.replaceChildren(notice(describeError(error), 'error'));
  }

  /** The box grows with what is written (up to its maximum height) and shrinks again once sent. */
  private fitBox(): void {
    const input = this.box.field.input;
    input.style.height = 'auto';
    if (input.value) {
      input.style.height = `${input.scrollHeight + input.offsetHeight - input.clientHeight}px`;
    } else {
      input.style.removeProperty('height');
    }
  }

  private sendTyping(): void {
    const now = Date.now();
    if (now - this.lastTypingSent < 3000 || !this.joined || this.options.connection.state !== 'connected') {
      return;
    }
    this.lastTypingSent = now;
    void this.options.connection.call('typing', this.options.ref).catch(() => undefined);
  }

  private close(reason: RoomClosedReason | null): void {
    this.closed = true;
    this.form.element.hidden = true;
    this.status.replaceChildren();
    this.problems.replaceChildren(notice(msg(reason ? CLOSED_REASONS[reason] : 'chat.closedGeneric')));
    this.people.stopLeading();
  }

  private scrollToEnd(): void {
    this.scroller.scrollTop = this.scroller.scrollHeight;
    this.seenAll();
  }
}
