import type { ChatMember, RoomRef } from '../../../src/contracts/chat.js';
import { h, on, tr, uid } from '../core/dom.js';
import type { ChatConnection } from './connection.js';

/**
 * The people side of a room: who is here, who is typing, who has the word in a session, slow
 * mode, and (for moderators and a session's facilitator) the controls to give the word and set
 * slow mode.
 */
const SLOW_MODE_CHOICES = [0, 10, 30, 60, 120] as const;

/** "X is typing…", for five seconds after their last keystroke reached us, or until their message. */
export class TypingLine {
  readonly element = h('p', { class: 'typing', 'aria-live': 'off' });
  private readonly typing = new Map<string, { alias: string; timer: number }>();

  show(member: ChatMember): void {
    this.clear(member.memberId, false);
    const timer = window.setTimeout(() => this.clear(member.memberId), 5000);
    this.typing.set(member.memberId, { alias: member.alias, timer });
    this.render();
  }

  clear(memberId: string, render = true): void {
    const entry = this.typing.get(memberId);
    if (entry) {
      window.clearTimeout(entry.timer);
      this.typing.delete(memberId);
    }
    if (render) {
      this.render();
    }
  }

  dispose(): void {
    for (const entry of this.typing.values()) {
      window.clearTimeout(entry.timer);
    }
  }

  private render(): void {
    const aliases = [...this.typing.values()].map((entry) => entry.alias);
    this.element.replaceChildren(
      ...(aliases.length === 0
        ? []
        : [
            aliases.length === 1
              ? tr('chat.typingOne', { alias: aliases[0] })
              : tr('chat.typingMany', { aliases: aliases.join(', ') }),
          ]),
    );
  }
}

export interface PeopleOptions {
  connection: ChatConnection;
  ref: RoomRef;
  me: string;
  canLead: boolean;
  session: boolean;
  onError(error: unknown): void;
}

export class RoomPeople {
  readonly list = h('ul', { class: 'presence-list' });
  readonly floorLine = h('p', { class: 'floor' });
  readonly slowLine = h('p', { class: 'slow-mode' });
  readonly tools = h('div', { class: 'lead-tools' });
  /** How many are here: on the button that shows them on a narrow screen. */
  readonly count = h('span', { class: 'here-count' }, '0');
  private readonly presence = new Map<string, ChatMember>();
  private floor: ChatMember | null = null;
  private slowMode = 0;
  private leading: boolean;

  constructor(private readonly options: PeopleOptions) {
    this.leading = options.canLead;
  }

  /** Who is here, from a join's answer. */
  reset(members: ChatMember[]): void {
    this.presence.clear();
    members.forEach((member) => this.presence.set(member.memberId, member));
    this.render();
  }

  update(member: ChatMember, present: boolean): void {
    if (present) {
      this.presence.set(member.memberId, member);
    } else {
      this.presence.delete(member.memberId);
    }
    this.render();
  }

  setSlowMode(seconds: number): void {
    this.slowMode = seconds;
    this.slowLine.replaceChildren(...(seconds > 0 ? [tr('chat.slowModeOn', { seconds })] : []));
    this.renderTools();
  }

  setFloor(floor: ChatMember | null): void {
    this.floor = floor;
    this.floorLine.replaceChildren(
      floor
        ? floor.memberId === this.options.me
          ? tr('chat.floorYou')
          : tr('chat.floorMember', { alias: floor.alias })
        : tr('chat.floorOpen'),
    );
    this.renderTools();
  }

  /** The room closed: nothing left to lead. */
  stopLeading(): void {
    this.leading = false;
    this.renderTools();
  }

  private render(): void {
    const members = [...this.presence.values()].sort((a, b) => a.alias.localeCompare(b.alias));
    this.count.textContent = String(members.length);
    this.list.replaceChildren(
      ...members.map((member) =>
        h(
          'li',
          {},
          h('span', { class: 'alias' }, member.alias),
          member.memberId === this.options.me ? h('span', { class: 'badge muted' }, tr('chat.you')) : null,
        ),
      ),
    );
    this.renderTools();
  }

  private renderTools(): void {
    if (!this.leading) {
      this.tools.replaceChildren();
      return;
    }
    const parts: Node[] = [h('h3', {}, tr('chat.leadHeading'))];
    const session = this.options.session ? this.options.ref.session : undefined;
    if (session) {
      const buttons = [...this.presence.values()]
        // The facilitator gives the word to others, never to herself (the server refuses it too).
        .filter((member) => member.memberId !== this.floor?.memberId && member.memberId !== this.options.me)
        .map((member) =>
          on(
            h('button', { type: 'button', class: 'button small' }, tr('chat.giveFloor', { alias: member.alias })),
            'click',
            () => this.giveFloor(session, member.memberId),
          ),
        );
      if (this.floor) {
        buttons.unshift(
          on(h('button', { type: 'button', class: 'button small' }, tr('chat.openFloor')), 'click', () =>
            this.giveFloor(session, null),
          ),
        );
      }
      parts.push(h('div', { class: 'tool-row' }, ...buttons));
    }
    const selectId = uid('slow');
    const select = h(
      'select',
      { id: selectId },
      ...SLOW_MODE_CHOICES.map((seconds) =>
        h(
          'option',
          { value: seconds, selected: seconds === this.slowMode },
          seconds === 0 ? tr('chat.slowOff') : tr('chat.slowEvery', { seconds }),
        ),
      ),
    );
    on(select, 'change', () => {
      this.options.connection
        .call('room:slow-mode', { ...this.options.ref, seconds: Number(select.value) })
        .catch((error: unknown) => this.options.onError(error));
    });
    parts.push(h('div', { class: 'field' }, h('label', { for: selectId }, tr('chat.slowMode')), select));
    this.tools.replaceChildren(...parts);
  }

  private giveFloor(session: string, memberId: string | null): void {
    this.options.connection
      .call('session:floor', { group: this.options.ref.group, session, memberId })
      .then(({ floor }) => this.setFloor(floor))
      .catch((error: unknown) => this.options.onError(error));
  }
}
