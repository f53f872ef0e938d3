import type { CrisisMemberState, CrisisStatus } from '../../../src/contracts/crisis.js';
import type { ServerText } from '../../../src/contracts/server-texts.js';
import { h, liveText, on, tr, uid } from '../core/dom.js';
import type { PlainKey } from '../i18n/i18n.js';
import { serverTextString } from '../i18n/server-texts.js';
import { CRISIS_LINES, countryOrder, EMERGENCY_NUMBER, type CrisisPhone, COUNTRY_NAMES } from './crisis-lines.js';

/**
 * The help shown to someone whose words, just sent, signal crisis: where they are looking (beside
 * the box they wrote in), with the focus moved to it, so nothing is missed on a phone where the
 * top of the page is far out of sight. It says what is true right now (a volunteer has it,
 * volunteers are notified, or nobody is on duty: call now), follows that state live, and always
 * carries the crisis lines as links to call. Closing it leaves a one-line reminder with the
 * numbers and gives the focus back to the box.
 */
const STATE_TEXTS: Record<CrisisMemberState | 'pending', PlainKey> = {
  pending: 'crisis.statePending',
  claimed: 'crisis.stateClaimed',
  notified: 'crisis.stateNotified',
  nobody_on_duty: 'crisis.stateNobody',
};

function callLink(phone: Pick<CrisisPhone, 'display' | 'dial'>): HTMLAnchorElement {
  return h('a', { href: `tel:${phone.dial}`, class: 'tel call' }, tr('crisis.call', { number: phone.display }));
}

/** The crisis lines, short: a big "Call …" link per number, the line's name beside it; 112 last. */
export function crisisCalls(): HTMLUListElement {
  const items: HTMLLIElement[] = [];
  for (const country of countryOrder()) {
    for (const line of CRISIS_LINES.filter((candidate) => candidate.country === country)) {
      items.push(
        h(
          'li',
          { class: 'crisis-call' },
          h(
            'span',
            { class: 'crisis-call-links' },
            ...line.phones.flatMap((phone) => [
              callLink(phone),
              phone.note ? h('span', { class: 'crisis-call-note' }, '(', tr(phone.note), ')') : null,
            ]),
          ),
          h(
            'span',
            { class: 'crisis-call-name' },
            line.name,
            ' · ',
            tr(COUNTRY_NAMES[country]),
            line.note ? h('span', {}, ' (', tr(line.note), ')') : null,
          ),
        ),
      );
    }
  }
  items.push(
    h(
      'li',
      { class: 'crisis-call' },
      h('span', { class: 'crisis-call-links' }, callLink({ display: EMERGENCY_NUMBER, dial: EMERGENCY_NUMBER })),
      h('span', { class: 'crisis-call-name' }, tr('crisis.emergencyShort')),
    ),
  );
  return h('ul', { class: 'crisis-calls' }, ...items);
}

export interface CrisisPanelOptions {
  /** Where the focus goes when the member closes the panel: the box they wrote in. */
  returnFocus(): HTMLElement | null | undefined;
}

export class CrisisPanel {
  /** The slot the page places beside its composer; empty until `show`. */
  readonly element = h('div', { class: 'crisis-notices' });
  private readonly status = h('p', { class: 'crisis-state', role: 'status' });
  private readonly intro = h('p', { class: 'crisis-panel-intro' });
  private state: CrisisMemberState | 'pending' = 'pending';
  /** The crisis case the server opened for these words, once it answered. */
  private caseId: string | null = null;
  private panel: HTMLElement | null = null;
  private reminder: HTMLElement | null = null;

  constructor(private readonly options: CrisisPanelOptions) {}

  /** Whether the full panel is on screen now. */
  get open(): boolean {
    return this.panel !== null;
  }

  /** Whether the help was shown on this page (open, or closed to its reminder). */
  get shown(): boolean {
    return this.panel !== null || this.reminder !== null;
  }

  /**
   * Shows the panel (or, when it is already open, only updates its words and state), brings it
   * into view and moves the focus to its heading. `intro` is the server's caring sentence as a code,
   * said in the reader's language (never the group's); without one this client knows, its own is shown. `status` is what the server says is
   * true now (who has the message); until it answers, nothing is claimed.
   */
  show(options: { intro?: ServerText | null; status?: CrisisStatus | null } = {}): void {
    this.setIntro(options.intro ?? null);
    if (options.status) {
      this.caseId = options.status.caseId;
      this.state = options.status.state;
    }
    this.renderState();
    if (this.panel) {
      return;
    }
    const headingId = uid('crisis-panel');
    const heading = h('h2', { id: headingId, tabindex: '-1' }, tr('notice.kindCrisis'));
    const close = on(h('button', { type: 'button', class: 'button' }, tr('crisis.close')), 'click', () => this.close());
    this.panel = h(
      'section',
      { class: 'member-notice kind-crisis with-lines crisis-panel', 'aria-labelledby': headingId },
      heading,
      this.intro,
      this.status,
      crisisCalls(),
      h('p', { class: 'crisis-panel-more' }, h('a', { href: '/help' }, tr('crisis.moreLines'))),
      h('div', { class: 'actions' }, close),
    );
    this.reminder?.remove();
    this.reminder = null;
    this.element.replaceChildren(this.panel);
    this.bringIntoView(heading);
    // Said again a moment after the panel is in the page, so a screen reader reads the state out.
    window.setTimeout(() => this.renderState(), 150);
  }

  /** The case whose live `crisis:status` this panel follows (null before the server answered). */
  get followedCase(): string | null {
    return this.caseId;
  }

  /** What the member is told about who has their message, as it changes (`crisis:status`). */
  update(status: CrisisStatus): void {
    if (status.caseId !== this.caseId) {
      return;
    }
    this.state = status.state;
    this.renderState();
  }

  /** Places the slot right after `anchor` (the box, or the item just edited). */
  placeAfter(anchor: Element): void {
    if (anchor.nextElementSibling !== this.element) {
      anchor.after(this.element);
    }
  }

  /** Closes the panel to a one-line reminder with the numbers, and gives the focus back to the box. */
  close(): void {
    if (!this.panel) {
      return;
    }
    this.panel = null;
    const again = on(h('button', { type: 'button', class: 'link-button' }, tr('crisis.showAgain')), 'click', () =>
      this.show(),
    );
    this.reminder = h(
      'div',
      { class: 'crisis-reminder' },
      this.status,
      ' ',
      callLink({ display: '1813', dial: '1813' }),
      ' · ',
      callLink({ display: '113', dial: '113' }),
      ' · ',
      again,
    );
    this.element.replaceChildren(this.reminder);
    this.options.returnFocus()?.focus();
  }

  private setIntro(intro: ServerText | null): void {
    if (intro && serverTextString(intro) !== null) {
      this.intro.replaceChildren(liveText(() => serverTextString(intro) ?? ''));
    } else if (!this.intro.firstChild) {
      this.intro.replaceChildren(tr('chat.crisisIntro'));
    }
  }

  private renderState(): void {
    this.status.replaceChildren(tr(STATE_TEXTS[this.state]));
    this.status.dataset.state = this.state;
  }

  private bringIntoView(heading: HTMLElement): void {
    heading.focus({ preventScroll: true });
    const panel = this.panel;
    if (!panel) {
      return;
    }
    const fits = panel.getBoundingClientRect().height <= window.innerHeight;
    panel.scrollIntoView({ block: fits ? 'nearest' : 'start' });
  }
}
