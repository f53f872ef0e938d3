import {
  type CrisisCaseContext,
  type CrisisDeskEntry,
  type CrisisMemberState,
  type DutyView,
  resolveCrisisSchema,
} from '../../../src/contracts/crisis.js';
import { h, on, tr, uid } from '../core/dom.js';
import { timeElement } from '../core/format.js';
import { describeError, FormController, schemaProblems, textArea } from '../core/forms.js';
import { loadAccount } from '../auth/session.js';
import { api } from '../core/http.js';
import { liveRegion, notice, para, view } from '../core/page.js';
import type { Page } from '../core/router.js';
import { msg, type PlainKey } from '../i18n/i18n.js';
import { excerptBlock } from '../moderation/excerpt.js';
import { ChatConnection } from '../chat/connection.js';
import { DESK_API, DeskCases, loadDesk } from './desk.js';
import { rotaEditor } from './rota.js';

/**
 * The crisis desk, for crisis responders (admins may look): the open crisis cases of every group,
 * those nobody has claimed first and the longest waiting at the top; each with the message, the
 * context around it on request (each opening is written to the audit log), and claim, release and
 * resolve. The volunteer's own duty is switched here. New and changed cases arrive live, without
 * sound and without moving the focus; the list is read again every half minute and after a
 * reconnection, because cases still with a group's moderators are not sent live to responders.
 */
const TOLD: Record<CrisisMemberState, PlainKey> = {
  claimed: 'desk.toldClaimed',
  notified: 'desk.toldNotified',
  nobody_on_duty: 'desk.toldNobody',
};

const RELOAD_MS = 30_000;

function claimText(entry: CrisisDeskEntry): Node {
  if (entry.mine) {
    return tr('desk.claimedByYou');
  }
  if (!entry.claimedBy) {
    return tr('desk.unclaimed');
  }
  return entry.claimedBy.kind === 'moderator'
    ? tr('desk.claimedByModerator', { alias: entry.claimedBy.alias })
    : tr('desk.claimedByResponder', { name: entry.claimedBy.name });
}

function contextView(context: CrisisCaseContext): HTMLElement {
  const lines = context.lines.map((line) =>
    h(
      'li',
      { class: line.flagged ? 'flagged' : '' },
      h(
        'p',
        { class: 'message-meta' },
        h('span', { class: 'alias' }, line.alias ?? ''),
        line.alias ? null : tr('desk.someoneGone'),
        ' ',
        timeElement(line.createdAt),
        line.flagged ? h('span', { class: 'badge kind-crisis' }, tr('desk.flagged')) : null,
      ),
      h('p', { class: 'user-text message-body' }, line.body),
    ),
  );
  return h(
    'div',
    { class: 'desk-context' },
    context.title !== null ? h('p', {}, tr('desk.contextThread'), ' ', h('strong', {}, context.title)) : null,
    lines.length ? h('ol', { class: 'messages' }, ...lines) : notice(msg('desk.contextEmpty')),
  );
}

interface EntryHost {
  /** Whether the asker is a responder (admins look, and may not claim). */
  responder: boolean;
  /** The server answered an action with the changed case (null: it is resolved). */
  changed(id: string, entry: CrisisDeskEntry | null, said: PlainKey): void;
}

function resolveForm(entry: CrisisDeskEntry, host: EntryHost): HTMLElement {
  const resolution = textArea({
    name: 'resolution',
    label: 'desk.resolution',
    hint: msg('desk.resolutionHint'),
    rows: 3,
  });
  const form = new FormController({ fields: [resolution], submit: 'desk.resolve', className: 'form compact' });
  form.onSubmit(async () => {
    const request = { resolution: resolution.input.value };
    const problems = schemaProblems(resolveCrisisSchema, request);
    if (problems.length) {
      form.showProblems(problems);
      return;
    }
    await api.post<CrisisDeskEntry>(`${DESK_API}/${encodeURIComponent(entry.id)}/resolve`, request);
    host.changed(entry.id, null, 'desk.resolved');
  });
  return form.element;
}

function entryView(entry: CrisisDeskEntry, host: EntryHost): HTMLLIElement {
  const headingId = uid('desk-case');
  const problem = h('div', {});
  const act = (path: 'claim' | 'release', said: PlainKey) => () => {
    problem.replaceChildren();
    api
      .post<CrisisDeskEntry>(`${DESK_API}/${encodeURIComponent(entry.id)}/${path}`)
      .then((changed) => host.changed(entry.id, changed, said))
      .catch((error: unknown) => problem.replaceChildren(notice(describeError(error), 'error')));
  };
  const tools: Node[] = [];
  if (host.responder && !entry.claimedBy) {
    tools.push(
      on(
        h('button', { type: 'button', class: 'button primary small' }, tr('desk.claim')),
        'click',
        act('claim', 'desk.claimedNow'),
      ),
    );
  }
  if (entry.mine) {
    tools.push(
      on(
        h('button', { type: 'button', class: 'button small' }, tr('desk.release')),
        'click',
        act('release', 'desk.releasedNow'),
      ),
    );
  }
  const contextBody = h('div', { class: 'disclosure-body' });
  const context = h('details', { class: 'disclosure' }, h('summary', {}, tr('desk.contextOpen')), contextBody);
  on(context, 'toggle', () => {
    if (!context.open || contextBody.firstChild) {
      return;
    }
    contextBody.setAttribute('aria-busy', 'true');
    api
      .get<CrisisCaseContext>(`${DESK_API}/${encodeURIComponent(entry.id)}/context`)
      .then((answer) => contextBody.replaceChildren(contextView(answer)))
      .catch((error: unknown) => contextBody.replaceChildren(notice(describeError(error), 'error')))
      .finally(() => contextBody.removeAttribute('aria-busy'));
  });
  return h(
    'li',
    { class: `case kind-crisis desk-case${entry.claimedBy ? ' is-claimed' : ''}`, 'data-case': entry.id },
    h(
      'article',
      { 'aria-labelledby': headingId },
      h(
        'h2',
        { id: headingId, tabindex: '-1' },
        h('span', { class: 'group-name' }, entry.group.name),
        ' · ',
        entry.member ? h('span', { class: 'alias' }, entry.member.alias) : tr('desk.noMember'),
      ),
      h(
        'p',
        { class: 'thread-facts' },
        tr('desk.waitingSince'),
        ' ',
        timeElement(entry.createdAt),
        ' · ',
        tr(entry.stage === 'responders' ? 'desk.stageResponders' : 'desk.stageModerators'),
      ),
      h('p', { class: 'claimed' }, claimText(entry)),
      h('p', {}, tr('desk.memberTold'), ' ', h('strong', {}, tr(TOLD[entry.memberState]))),
      entry.excerpt !== null ? excerptBlock(entry.excerpt, entry.target) : null,
      entry.asked ? h('p', { class: 'asked' }, h('strong', {}, tr('desk.askedForPerson'))) : null,
      entry.asked?.note ? h('blockquote', { class: 'excerpt user-text' }, entry.asked.note) : null,
      context,
      tools.length ? h('div', { class: 'tool-row' }, ...tools) : null,
      problem,
      entry.mine
        ? h(
            'details',
            { class: 'disclosure' },
            h('summary', {}, tr('desk.resolveOpen')),
            h('div', { class: 'disclosure-body' }, resolveForm(entry, host)),
          )
        : null,
    ),
  );
}

function dutySwitch(initial: DutyView, onChange: (duty: DutyView) => void): HTMLElement {
  let duty = initial;
  const textId = uid('duty');
  const text = h('p', { class: 'duty-text', id: textId, role: 'status' });
  const button = h('button', { type: 'button', class: 'button', 'aria-describedby': textId });
  const problem = h('div', {});
  const render = () => {
    button.setAttribute('aria-pressed', String(duty.onDuty));
    button.replaceChildren(tr('desk.dutyToggle'));
    text.replaceChildren(tr(duty.onDuty ? 'desk.onDuty' : 'desk.offDuty'));
  };
  render();
  on(button, 'click', () => {
    problem.replaceChildren();
    button.setAttribute('aria-busy', 'true');
    api
      .put<DutyView>('/api/crisis/duty', { onDuty: !duty.onDuty })
      .then((answer) => {
        duty = answer;
        render();
        onChange(answer);
      })
      .catch((error: unknown) => problem.replaceChildren(notice(describeError(error), 'error')))
      .finally(() => button.removeAttribute('aria-busy'));
  });
  return h(
    'section',
    { class: 'panel duty', 'aria-labelledby': 'duty-heading' },
    h('h2', { id: 'duty-heading' }, tr('desk.dutyHeading')),
    text,
    h('div', { class: 'actions' }, button),
    problem,
  );
}

export const deskPage: Page = async ({ signal }) => {
  // What the account may use now (an appointment may be newer than the login): only those routes are asked.
  const access = (await loadAccount(signal)).crisis;
  if (!access.desk) {
    // A group moderator has no desk, but may go on duty: alerts of their groups then come live.
    const duty = access.duty ? await api.get<DutyView>('/api/crisis/duty', { signal }).catch(() => null) : null;
    return duty
      ? view('desk.dutyTitle', [para('desk.moderatorIntro'), dutySwitch(duty, () => undefined)])
      : view('desk.title', [notice(msg('desk.notForYou'))]);
  }
  const entries: CrisisDeskEntry[] = await loadDesk(signal);
  // Admins may look at the desk without being responders (and cannot go on duty then).
  const duty = access.duty ? await api.get<DutyView>('/api/crisis/duty', { signal }).catch(() => null) : null;
  const responder = duty?.responder ?? false;

  const cases = new DeskCases();
  cases.reset(entries);
  const list = h('ol', { class: 'queue desk-cases' });
  const empty = notice(msg('desk.empty'));
  const live = liveRegion();
  const status = h('p', { class: 'connection', role: 'status' });

  const host: EntryHost = {
    responder,
    changed(id, entry, said) {
      if (entry) {
        cases.set(entry);
      } else {
        cases.delete(id);
      }
      render(entry ? id : null);
      live.say(said);
    },
  };

  // Each case's element is kept while the case is unchanged, so an open context or a half-written
  // resolution survives the live updates and reloads; only moved cases are moved.
  const built = new Map<string, { json: string; item: HTMLLIElement }>();

  /** Draws the list in desk order; `focusCase` gets the focus back after the volunteer acted on it. */
  function render(focusCase: string | null = null): void {
    const focusedCase = document.activeElement?.closest('[data-case]')?.getAttribute('data-case') ?? null;
    const sorted = cases.sorted();
    const items = sorted.map((entry) => {
      const json = JSON.stringify(entry);
      const known = built.get(entry.id);
      if (known?.json === json) {
        return known.item;
      }
      const item = entryView(entry, host);
      built.set(entry.id, { json, item });
      return item;
    });
    const keep = new Set(sorted.map((entry) => entry.id));
    for (const id of built.keys()) {
      if (!keep.has(id)) {
        built.delete(id);
      }
    }
    let cursor = list.firstElementChild;
    for (const item of items) {
      if (item === cursor) {
        cursor = cursor.nextElementSibling;
      } else {
        list.insertBefore(item, cursor);
      }
    }
    while (cursor) {
      const next = cursor.nextElementSibling;
      cursor.remove();
      cursor = next;
    }
    empty.hidden = sorted.length > 0;
    const refocus = focusCase ?? (focusedCase && !list.contains(document.activeElement) ? focusedCase : null);
    if (refocus) {
      list.querySelector<HTMLElement>(`[data-case="${CSS.escape(refocus)}"] h2`)?.focus();
    }
  }

  /** Reads the whole desk again (cases still with a group's moderators are not sent live). */
  const reload = () => {
    loadDesk(signal)
      .then((fresh) => {
        cases.reset(fresh);
        render();
      })
      .catch(() => undefined);
  };

  render();
  const connection = new ChatConnection();
  connection.onState((state, recovered) => {
    status.replaceChildren(...(state === 'reconnecting' ? [tr('desk.offline')] : []));
    status.classList.toggle('problem', state === 'reconnecting');
    if (state === 'connected' && !recovered) {
      reload();
    }
  });
  connection.socket.on('crisis:case', (event) => {
    const fresh = cases.apply(event);
    render();
    if (fresh || event.reason === 'escalated' || event.reason === 'reannounced') {
      live.say('desk.newCase');
    }
  });
  const timer = window.setInterval(reload, RELOAD_MS);

  return view(
    'desk.title',
    [
      para('desk.intro'),
      responder && duty ? dutySwitch(duty, () => reload()) : para('desk.adminLooks', { class: 'hint' }),
      status,
      empty,
      list,
      responder && duty ? rotaEditor(duty) : null,
      live.element,
    ],
    {
      dispose: () => {
        window.clearInterval(timer);
        connection.close();
      },
    },
  );
};
