import type { RoomJoined, RoomRef, SessionLiveState, SessionPhase } from '../../../src/contracts/chat.js';
import { h, on, tr, uid } from '../core/dom.js';
import { describeError } from '../core/forms.js';
import { notice } from '../core/page.js';
import type { PlainKey } from '../i18n/i18n.js';
import type { ChatConnection } from './connection.js';
import './session-live.css';

const PHASE_LABELS: Record<SessionPhase, PlainKey> = {
  gathering: 'facilitation.phaseGathering',
  opening: 'facilitation.phaseOpening',
  round: 'facilitation.phaseRound',
  open: 'facilitation.phaseOpen',
  closing: 'facilitation.phaseClosing',
};

/**
 * A session's rituals beside its chat: the opening text read out, the round (who has the word,
 * who is next), the raise-hand queue, the closing text. Members raise and lower their hand; the
 * facilitator (and moderators) move the meeting on and give the word to a raised hand. The state
 * arrives whole with `room:join` and every `session:state`; an older version is dropped.
 */
export class SessionLive {
  readonly element: HTMLElement;
  private state: SessionLiveState | null = null;
  private readonly body = h('div', { class: 'facilitation-body' });
  private readonly problems = h('div', { 'aria-live': 'polite' });
  private readonly announcer = h('div', { class: 'visually-hidden', 'aria-live': 'polite' });
  private readonly session: string;

  constructor(
    private readonly connection: ChatConnection,
    private readonly ref: RoomRef,
    private readonly me: string,
    private readonly leads: boolean,
  ) {
    this.session = ref.session ?? '';
    const headingId = uid('facilitation');
    this.element = h(
      'section',
      { class: 'panel facilitation', 'aria-labelledby': headingId, 'data-testid': 'facilitation' },
      h('h2', { id: headingId }, tr('facilitation.heading')),
      this.body,
      this.problems,
      this.announcer,
    );
    connection.socket.on('session:state', ({ room, state }) => {
      if (room.group === ref.group && room.session === ref.session) {
        this.show(state);
      }
    });
  }

  /** The answer to `room:join` carries the state as it was when the member came in. */
  joined(answer: RoomJoined): void {
    if (answer.room.live) {
      this.show(answer.room.live);
    }
  }

  private show(state: SessionLiveState): void {
    if (this.state && state.version < this.state.version) {
      return;
    }
    const before = this.state;
    this.state = state;
    if (state.floor?.memberId === this.me && before?.floor?.memberId !== this.me) {
      this.announcer.replaceChildren(h('p', {}, tr('facilitation.yourTurn')));
    }
    this.render();
  }

  private act(run: () => Promise<{ state: SessionLiveState }>): void {
    this.problems.replaceChildren();
    run()
      .then(({ state }) => this.show(state))
      .catch((error: unknown) => this.problems.replaceChildren(notice(describeError(error), 'error')));
  }

  private render(): void {
    const state = this.state;
    if (!state) {
      return;
    }
    const parts: Node[] = [
      h('p', { class: 'facilitation-phase' }, h('span', { class: 'badge' }, tr(PHASE_LABELS[state.phase]))),
    ];
    if (state.phase === 'opening' && state.opening) {
      parts.push(h('blockquote', { class: 'ritual-text', 'data-testid': 'opening-text' }, ...lines(state.opening)));
    }
    if (state.phase === 'closing' && state.closing) {
      parts.push(h('blockquote', { class: 'ritual-text', 'data-testid': 'closing-text' }, ...lines(state.closing)));
    }
    parts.push(
      h(
        'p',
        { class: 'floor', 'data-testid': 'facilitation-floor' },
        state.floor
          ? state.floor.memberId === this.me
            ? tr('facilitation.floorYou')
            : tr('facilitation.floorMember', { alias: state.floor.alias })
          : tr('facilitation.floorOpen'),
      ),
    );
    if (state.phase === 'round') {
      parts.push(
        h('h3', {}, tr('facilitation.roundNext')),
        state.round.length
          ? h(
              'ol',
              { class: 'round-list', 'data-testid': 'round-list' },
              ...state.round.map((p) => h('li', {}, p.alias)),
            )
          : h('p', {}, tr('facilitation.roundLast')),
      );
    }
    const raised = state.hands.some((hand) => hand.memberId === this.me);
    parts.push(
      h('h3', {}, tr('facilitation.handsHeading', { count: state.hands.length })),
      state.hands.length
        ? h(
            'ol',
            { class: 'hand-queue', 'data-testid': 'hand-queue' },
            ...state.hands.map((hand) =>
              h(
                'li',
                {},
                h('span', { class: 'alias' }, hand.alias),
                this.leads && hand.memberId !== this.me
                  ? on(
                      h('button', { type: 'button', class: 'button small' }, tr('facilitation.giveWord')),
                      'click',
                      () =>
                        this.act(async () => {
                          await this.connection.call('session:floor', {
                            group: this.ref.group,
                            session: this.session,
                            memberId: hand.memberId,
                          });
                          return { state: this.state ?? state };
                        }),
                    )
                  : null,
              ),
            ),
          )
        : h('p', {}, tr('facilitation.handsNone')),
    );
    const tools: Node[] = [];
    if (!this.leads || state.hands.some((hand) => hand.memberId === this.me)) {
      tools.push(
        on(
          h(
            'button',
            { type: 'button', class: raised ? 'button small' : 'button primary small', 'aria-pressed': String(raised) },
            tr(raised ? 'facilitation.lowerHand' : 'facilitation.raiseHand'),
          ),
          'click',
          () =>
            this.act(() =>
              this.connection.call('session:hand', { group: this.ref.group, session: this.session, raised: !raised }),
            ),
        ),
      );
    }
    if (this.leads) {
      const phase = (next: 'opening' | 'round' | 'open' | 'closing', label: PlainKey) =>
        on(h('button', { type: 'button', class: 'button small' }, tr(label)), 'click', () =>
          this.act(() =>
            this.connection.call('session:phase', { group: this.ref.group, session: this.session, phase: next }),
          ),
        );
      tools.push(
        phase('opening', 'facilitation.doOpening'),
        phase('round', 'facilitation.doRound'),
        ...(state.phase === 'round'
          ? [
              on(
                h('button', { type: 'button', class: 'button primary small' }, tr('facilitation.doNext')),
                'click',
                () =>
                  this.act(() =>
                    this.connection.call('session:next', { group: this.ref.group, session: this.session }),
                  ),
              ),
            ]
          : []),
        phase('open', 'facilitation.doOpen'),
        phase('closing', 'facilitation.doClosing'),
      );
    }
    parts.push(h('div', { class: 'tool-row' }, ...tools));
    this.body.replaceChildren(...parts);
  }
}

function lines(text: string): Node[] {
  return text.split('\n').map((line) => h('p', {}, line));
}
