import { decideJoinRequestSchema } from '../../../src/contracts/groups.js';
import { type QueueContext, resolveCaseSchema, type ReportReason } from '../../../src/contracts/moderation.js';
import { h, on, tr, uid } from '../core/dom.js';
import { flash } from '../core/flash.js';
import { timeElement } from '../core/format.js';
import { describeError, FormController, schemaProblems, textArea } from '../core/forms.js';
import { api } from '../core/http.js';
import { notice, para } from '../core/page.js';
import { type Page, refreshPage } from '../core/router.js';
import { threadPath } from '../forum/thread-list.js';
import type { GroupContext } from '../groups/frame.js';
import { groupApi, groupPath, type MemberRef } from '../groups/groups.js';
import { msg, type PlainKey } from '../i18n/i18n.js';
import { excerptBlock } from './excerpt.js';
import { actionForm, disclosure, HELD_LABELS, itemActions, MEMBER_ACTIONS } from './forms.js';
import { moderationView, moderatorContext, type QueueEntry } from './moderation.js';

/**
 * The group's moderation queue, crisis first (the server's order): each entry with what was
 * reported and why, claim (so two volunteers do not take the same one), an action with its reason,
 * or dismiss with a reason. Below it, join requests for a closed group and invite codes.
 * New and changed entries arrive live while the page is open; "Refresh" reads the whole queue again.
 */
const KIND_LABELS: Record<QueueEntry['kind'], PlainKey> = {
  crisis: 'queue.kindCrisis',
  report: 'queue.kindReport',
  held: 'queue.kindHeld',
  worry: 'queue.kindWorry',
};

const REASON_LABELS: Record<ReportReason, PlainKey> = {
  crisis: 'report.reasonCrisis',
  harassment: 'report.reasonHarassment',
  privacy: 'report.reasonPrivacy',
  spam: 'report.reasonSpam',
  other: 'report.reasonOther',
};

function dismissForm(context: GroupContext, entry: QueueEntry, done: () => void): HTMLElement {
  const resolution = textArea({ name: 'resolution', label: 'queue.dismissReason', rows: 2 });
  const form = new FormController({ fields: [resolution], submit: 'queue.dismiss', className: 'form compact' });
  form.onSubmit(async () => {
    const request = { resolution: resolution.input.value };
    if (!request.resolution.trim()) {
      form.showProblems([{ field: 'resolution', message: msg('action.reasonRequired') }]);
      return;
    }
    const problems = schemaProblems(resolveCaseSchema, request);
    if (problems.length) {
      form.showProblems(problems);
      return;
    }
    await api.post<void>(groupApi(context.slug, `/moderation/queue/${entry.id}/dismiss`), request);
    done();
  });
  return form.element;
}

/** What the reporters wrote for the moderators, unnamed. */
function reporterNotes(entry: QueueEntry): HTMLElement | null {
  if (!entry.notes?.length) {
    return null;
  }
  return h(
    'div',
    { class: 'report-notes' },
    h('p', { class: 'report-notes-label' }, tr('queue.notes')),
    h('ul', {}, ...entry.notes.map((note) => h('li', { class: 'user-text' }, note))),
  );
}

/** Where the item is: its thread (at the reply), or the room at the message. */
function placeLink(context: GroupContext, entry: QueueEntry): HTMLElement | null {
  const place = entry.place;
  if (!place) {
    return null;
  }
  if (place.kind === 'thread') {
    const href = threadPath(context.slug, place.threadId) + (place.postId ? `#post-${place.postId}` : '');
    return h('p', {}, h('a', { href }, tr(place.postId ? 'queue.openPost' : 'queue.openThread')));
  }
  const room = place.sessionId ? `/sessions/${encodeURIComponent(place.sessionId)}` : '/chat';
  return h(
    'p',
    {},
    h('a', { href: groupPath(context.slug, `${room}?seq=${place.seq}`), class: 'room-link' }, tr('queue.openRoom')),
  );
}

/**
 * The chat lines around a reported message, read when the moderator opens them (each reading is
 * written to the audit log, so they are not fetched with the queue).
 */
function chatContext(context: GroupContext, entry: QueueEntry): HTMLElement {
  const body = h('div', { 'aria-live': 'polite' });
  const details = disclosure('queue.contextOpen', body);
  let loaded = false;
  on(details, 'toggle', () => {
    if (!details.open || loaded) {
      return;
    }
    loaded = true;
    body.replaceChildren(h('p', { class: 'hint' }, tr('queue.contextLoading')));
    api
      .get<QueueContext>(groupApi(context.slug, `/moderation/queue/${entry.id}/context`))
      .then(({ lines }) =>
        body.replaceChildren(
          lines.length
            ? h(
                'ol',
                { class: 'context-lines' },
                ...lines.map((line) =>
                  h(
                    'li',
                    { class: `context-line${line.flagged ? ' flagged' : ''}${line.hidden ? ' hidden-message' : ''}` },
                    h('span', { class: 'alias' }, line.alias ?? tr('queue.contextGone')),
                    ' ',
                    timeElement(line.createdAt),
                    line.flagged ? h('span', { class: 'badge' }, tr('queue.contextReported')) : null,
                    line.hidden ? h('span', { class: 'badge' }, tr('queue.contextHidden')) : null,
                    h('p', { class: 'user-text' }, line.body),
                  ),
                ),
              )
            : notice(msg('queue.contextNone')),
          h('p', { class: 'hint' }, tr('queue.contextAudited')),
        ),
      )
      .catch((error: unknown) => {
        loaded = false;
        body.replaceChildren(notice(describeError(error), 'error'));
      });
  });
  return details;
}

function entryView(context: GroupContext, entry: QueueEntry): HTMLElement {
  const headingId = uid('case');
  const me = context.membership?.memberId;
  const claimedByMe = entry.claimedBy?.memberId === me;
  const claimedByOther = entry.claimedBy !== null && !claimedByMe;
  const status = h('div', {});
  const finished = (key: PlainKey) => () => {
    flash({ key });
    refreshPage();
  };
  const parts: (Node | null)[] = [
    h(
      'h3',
      { id: headingId },
      h('span', { class: `badge kind-${entry.kind}` }, tr(KIND_LABELS[entry.kind])),
      ' ',
      entry.subject ? h('span', { class: 'alias' }, entry.subject.alias) : tr('queue.noSubject'),
    ),
    h(
      'p',
      { class: 'thread-facts' },
      timeElement(entry.createdAt),
      entry.reportCount > 1 ? h('span', {}, ' · ', tr('queue.reports', { count: entry.reportCount })) : null,
      entry.hidden ? h('span', {}, ' · ', tr('queue.hidden')) : null,
    ),
    entry.reasons.length
      ? h(
          'p',
          {},
          tr(entry.reasons.length === 1 ? 'queue.reason' : 'queue.reasons'),
          ' ',
          ...entry.reasons.flatMap((reason, index) => [index ? ', ' : '', tr(REASON_LABELS[reason])]),
        )
      : null,
    entry.excerpt !== null ? excerptBlock(entry.excerpt, entry.target) : null,
    reporterNotes(entry),
    entry.target?.kind === 'message' ? chatContext(context, entry) : null,
    placeLink(context, entry),
    entry.claimedBy
      ? h(
          'p',
          { class: 'claimed' },
          claimedByMe ? tr('queue.claimedByYou') : tr('queue.claimedBy', { alias: entry.claimedBy.alias }),
        )
      : null,
  ];
  if (!claimedByOther) {
    const tools: Node[] = [];
    if (!entry.claimedBy) {
      tools.push(
        on(h('button', { type: 'button', class: 'button small' }, tr('queue.claim')), 'click', () => {
          api
            .post<QueueEntry>(groupApi(context.slug, `/moderation/queue/${entry.id}/claim`))
            .then(finished('queue.claimed'))
            .catch((error: unknown) => status.replaceChildren(notice(describeError(error), 'error')));
        }),
      );
    }
    if (entry.kind === 'crisis' && claimedByMe && entry.subject) {
      // The member decides; the offer reaches them live and in their support list.
      tools.push(
        on(h('button', { type: 'button', class: 'button small primary' }, tr('support.offer')), 'click', () => {
          api
            .post(groupApi(context.slug, '/support-chats'), { caseId: entry.id })
            .then(finished('support.offered'))
            .catch((error: unknown) => status.replaceChildren(notice(describeError(error), 'error')));
        }),
      );
    }
    parts.push(h('div', { class: 'tool-row' }, ...tools), status);
    if (entry.target) {
      parts.push(
        disclosure(
          'queue.actOnItem',
          actionForm({
            slug: context.slug,
            actions: itemActions({ kind: entry.target.kind, hidden: entry.hidden }),
            target: entry.target,
            caseId: entry.id,
            labels: entry.kind === 'held' ? HELD_LABELS : undefined,
            onDone: finished('moderate.done'),
          }),
        ),
      );
    }
    if (entry.subject && entry.subject.memberId !== me) {
      parts.push(
        disclosure(
          'queue.actOnMember',
          actionForm({
            slug: context.slug,
            actions: MEMBER_ACTIONS,
            memberId: entry.subject.memberId,
            caseId: entry.id,
            onDone: finished('moderate.done'),
          }),
        ),
      );
    }
    parts.push(disclosure('queue.dismissOpen', dismissForm(context, entry, finished('queue.dismissed'))));
  }
  return h('li', { class: `case kind-${entry.kind}` }, h('article', { 'aria-labelledby': headingId }, ...parts));
}

/** Declining a request takes a reason, kept in the audit log. */
function declineForm(context: GroupContext, request: MemberRef): HTMLElement {
  const reason = textArea({ name: 'reason', label: 'requests.declineReason', rows: 2 });
  const form = new FormController({ fields: [reason], submit: 'requests.declineSubmit', className: 'form compact' });
  form.onSubmit(async () => {
    const body = { approve: false, reason: reason.input.value };
    const problems = schemaProblems(decideJoinRequestSchema, body);
    if (problems.length) {
      form.showProblems(problems);
      return;
    }
    await api.post<void>(groupApi(context.slug, `/join-requests/${request.memberId}`), body);
    flash(msg('requests.declined'));
    refreshPage();
  });
  return form.element;
}

function joinRequests(context: GroupContext, requests: MemberRef[]): HTMLElement {
  const items = requests.map((request) => {
    const approve = () => {
      api
        .post<void>(groupApi(context.slug, `/join-requests/${request.memberId}`), { approve: true })
        .then(() => {
          flash(msg('requests.approved'));
          refreshPage();
        })
        .catch((error: unknown) => item.append(notice(describeError(error), 'error')));
    };
    const item = h(
      'li',
      {},
      h('span', { class: 'alias' }, request.alias),
      ' ',
      on(
        h('button', { type: 'button', class: 'button small' }, tr('requests.approve', { alias: request.alias })),
        'click',
        approve,
      ),
      disclosure(h('span', {}, tr('requests.decline', { alias: request.alias })), declineForm(context, request)),
    );
    return item;
  });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'requests-heading' },
    h('h2', { id: 'requests-heading' }, tr('requests.heading')),
    items.length ? h('ul', { class: 'requests' }, ...items) : notice(msg('requests.none')),
  );
}

function invites(context: GroupContext): HTMLElement {
  const result = h('div', { 'aria-live': 'polite' });
  const make = on(h('button', { type: 'button', class: 'button' }, tr('invites.make')), 'click', () => {
    api
      .post<{ code: string; expiresAt: string; uses: number }>(groupApi(context.slug, '/invites'))
      .then((invite) =>
        result.replaceChildren(
          h('p', {}, tr('invites.code', { uses: invite.uses }), ' ', h('code', { class: 'invite-code' }, invite.code)),
          h('p', { class: 'hint' }, tr('invites.until'), ' ', timeElement(invite.expiresAt)),
        ),
      )
      .catch((error: unknown) => result.replaceChildren(notice(describeError(error), 'error')));
  });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'invites-heading' },
    h('h2', { id: 'invites-heading' }, tr('invites.heading')),
    para('invites.intro'),
    h('div', { class: 'actions' }, make),
    result,
  );
}

export const queuePage: Page = async ({ params, signal }) => {
  const context = await moderatorContext(params.slug ?? '', signal);
  if (!context) {
    return { title: 'queue.title', node: h('div', {}) };
  }
  const [entries, requests] = await Promise.all([
    api.get<QueueEntry[]>(groupApi(context.slug, '/moderation/queue'), { signal }),
    api.get<MemberRef[]>(groupApi(context.slug, '/join-requests'), { signal }),
  ]);
  const shown = new Map<string, HTMLElement>();
  const list = h('ol', { class: 'queue' });
  for (const entry of entries) {
    const item = entryView(context, entry);
    shown.set(entry.id, item);
    list.append(item);
  }
  const empty = notice(msg('queue.empty'));
  empty.hidden = entries.length > 0;
  const refresh = on(h('button', { type: 'button', class: 'button' }, tr('queue.refresh')), 'click', () =>
    refreshPage(),
  );
  const live = h('div', { class: 'visually-hidden', 'aria-live': 'assertive' });
  const status = h('p', { class: 'connection', role: 'status' });

  // The live queue: new and changed entries arrive over the chat connection (moderators of the
  // group only), without moving the volunteer's focus. Crisis alerts go first and are read out.
  let stop = () => undefined as void;
  void import('../chat/connection.js').then(({ ChatConnection }) => {
    if (signal.aborted) {
      return;
    }
    const connection = new ChatConnection();
    stop = () => connection.close();
    connection.onState((state) => {
      status.replaceChildren(...(state === 'reconnecting' ? [tr('queue.offline')] : []));
      status.classList.toggle('problem', state === 'reconnecting');
    });
    connection.socket.on('mod:queue', ({ group, entry }) => {
      if (group !== context.slug) {
        return;
      }
      const item = entryView(context, entry);
      const existing = shown.get(entry.id);
      if (existing) {
        existing.replaceWith(item);
      } else if (entry.kind === 'crisis') {
        list.prepend(item);
        live.replaceChildren(tr('queue.newCrisis'));
      } else {
        list.append(item);
        live.replaceChildren(tr('queue.newEntry'));
      }
      shown.set(entry.id, item);
      empty.hidden = true;
    });
  });
  const view = moderationView(
    context,
    'queue',
    'queue.title',
    para('queue.intro'),
    h('div', { class: 'actions' }, refresh),
    status,
    empty,
    list,
    context.group.kind === 'closed' || requests.length ? joinRequests(context, requests) : null,
    invites(context),
    live,
  );
  return { ...view, dispose: () => stop() };
};
