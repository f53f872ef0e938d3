import {
  type CrisisAuditEntry,
  type CrisisCoverage,
  type CrisisResponderView,
  revokeResponderSchema,
} from '../../../src/contracts/crisis.js';
import { h, tr, uid } from '../core/dom.js';
import { timeElement } from '../core/format.js';
import { FormController, schemaProblems, textArea } from '../core/forms.js';
import { api } from '../core/http.js';
import { liveRegion, notice, para, view } from '../core/page.js';
import type { Page } from '../core/router.js';
import { DAY_KEYS, DAY_SHORT_KEYS, hourLabel, rotaHours, WEEKDAYS } from '../crisis/week.js';
import { isAdmin } from '../groups/frame.js';
import type { GroupSummary } from '../groups/groups.js';
import { msg } from '../i18n/i18n.js';
import { adminsOnlyView } from './admin.page.js';
import { crisisAuditSection } from './crisis-audit.js';

/**
 * Crisis responders and coverage, for admins: the responders (with their duty and rota, and a
 * revocation with a reason for the crisis audit log), then coverage at a glance: groups without a
 * moderator, the hours of the week nobody's rota covers (a week grid, read as a table), and the
 * crisis cases that waited longest this week. Responders are appointed from a member's admin page
 * (`/admin/members`), where the group-scoped member id is known; no account is ever shown.
 */
function waited(seconds: number): Text {
  if (seconds < 60) {
    return tr('crisisAdmin.seconds', { n: seconds });
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return tr('crisisAdmin.minutes', { n: minutes });
  }
  return tr('crisisAdmin.hours', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

function revokeForm(responder: CrisisResponderView, onDone: () => void): HTMLElement {
  const reason = textArea({
    name: 'reason',
    label: 'crisisAdmin.revokeReason',
    hint: msg('crisisAdmin.revokeHint'),
    rows: 2,
  });
  const form = new FormController({
    fields: [reason],
    submit: 'crisisAdmin.revoke',
    submitClass: 'danger',
    className: 'form compact',
  });
  form.onSubmit(async () => {
    const request = { reason: reason.input.value };
    const problems = schemaProblems(revokeResponderSchema, request);
    if (problems.length) {
      form.showProblems(problems);
      return;
    }
    await api.post<void>(`/api/admin/crisis/responders/${encodeURIComponent(responder.id)}/revoke`, request);
    onDone();
  });
  return form.element;
}

function responderItem(responder: CrisisResponderView, onRevoked: (item: HTMLElement) => void): HTMLLIElement {
  const headingId = uid('responder');
  const item: HTMLLIElement = h(
    'li',
    { class: 'case responder', 'data-responder': responder.id },
    h(
      'article',
      { 'aria-labelledby': headingId },
      h('h3', { id: headingId }, responder.name),
      h(
        'p',
        { class: 'thread-facts' },
        tr(responder.onDuty ? 'crisisAdmin.onDuty' : 'crisisAdmin.offDuty'),
        ' · ',
        tr('crisisAdmin.rotaHours', { hours: rotaHours(responder.rota), timezone: responder.timezone }),
        ' · ',
        tr('crisisAdmin.appointedAt'),
        ' ',
        timeElement(responder.appointedAt),
      ),
      h(
        'details',
        { class: 'disclosure' },
        h('summary', {}, tr('crisisAdmin.revokeOpen', { name: responder.name })),
        h(
          'div',
          { class: 'disclosure-body' },
          revokeForm(responder, () => onRevoked(item)),
        ),
      ),
    ),
  );
  return item;
}

/** 24 rows (hours) by 7 columns (days): each cell says in words whether anyone is on the rota. */
function weekTable(coverage: CrisisCoverage): HTMLElement {
  const open = new Set(coverage.uncoveredHours.map((slot) => slot.weekday * 24 + slot.hour));
  const captionId = uid('week-caption');
  const rows: HTMLTableRowElement[] = [];
  for (let hour = 0; hour < 24; hour++) {
    rows.push(
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, `${hourLabel(hour)}–${hourLabel(hour + 1)}`),
        ...WEEKDAYS.map((weekday) => {
          const uncovered = open.has(weekday * 24 + hour);
          return h(
            'td',
            {
              class: uncovered ? 'week-slot uncovered' : 'week-slot covered',
              'data-slot': `${weekday}-${hour}`,
            },
            h('span', { 'aria-hidden': 'true' }, uncovered ? '✕' : '✓'),
            h('span', { class: 'visually-hidden' }, tr(uncovered ? 'crisisAdmin.uncovered' : 'crisisAdmin.covered')),
          );
        }),
      ),
    );
  }
  return h(
    'div',
    { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': captionId },
    h(
      'table',
      { class: 'log week-grid' },
      h('caption', { id: captionId }, tr('crisisAdmin.weekCaption')),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, tr('crisisAdmin.hour')),
          ...WEEKDAYS.map((weekday) =>
            h(
              'th',
              { scope: 'col' },
              h('span', { 'aria-hidden': 'true' }, tr(DAY_SHORT_KEYS[weekday])),
              h('span', { class: 'visually-hidden' }, tr(DAY_KEYS[weekday])),
            ),
          ),
        ),
      ),
      h('tbody', {}, ...rows),
    ),
  );
}

function waitsTable(coverage: CrisisCoverage, names: ReadonlyMap<string, string>): HTMLElement {
  if (coverage.longestWaits.length === 0) {
    return notice(msg('crisisAdmin.waitsNone'));
  }
  const captionId = uid('waits-caption');
  return h(
    'div',
    { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': captionId },
    h(
      'table',
      { class: 'log waits' },
      h('caption', { id: captionId }, tr('crisisAdmin.waitsCaption')),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, tr('crisisAdmin.waitGroup')),
          h('th', { scope: 'col' }, tr('crisisAdmin.waited')),
          h('th', { scope: 'col' }, tr('crisisAdmin.waitState')),
        ),
      ),
      h(
        'tbody',
        {},
        ...coverage.longestWaits.map((wait) =>
          h(
            'tr',
            { 'data-case': wait.caseId },
            h('td', {}, names.get(wait.group) ?? wait.group),
            h('td', {}, waited(wait.waitedSeconds)),
            h('td', {}, tr(wait.claimed ? 'crisisAdmin.waitClaimed' : 'crisisAdmin.waitOpen')),
          ),
        ),
      ),
    ),
  );
}

export const adminCrisisPage: Page = async ({ signal }) => {
  if (!isAdmin()) {
    return adminsOnlyView();
  }
  const [responders, coverage, groups, audit] = await Promise.all([
    api.get<CrisisResponderView[]>('/api/admin/crisis/responders', { signal }),
    api.get<CrisisCoverage>('/api/admin/crisis/coverage', { signal }),
    api.get<GroupSummary[]>('/api/groups', { signal }),
    api.get<CrisisAuditEntry[]>('/api/admin/crisis/audit', { signal }),
  ]);
  const names = new Map(groups.map((group) => [group.slug, group.name]));
  const live = liveRegion();
  const list = h('ul', { class: 'queue responders' });
  const none = notice(msg('crisisAdmin.noResponders'));
  const heading = h('h2', { id: 'crisis-responders', tabindex: '-1' }, tr('crisisAdmin.respondersHeading'));
  list.append(
    ...responders.map((responder) =>
      responderItem(responder, (item) => {
        item.remove();
        none.hidden = list.childElementCount > 0;
        live.say('crisisAdmin.revoked');
        heading.focus();
      }),
    ),
  );
  none.hidden = responders.length > 0;

  return view('crisisAdmin.title', [
    para('crisisAdmin.intro'),
    h('section', { class: 'panel', 'aria-labelledby': 'crisis-responders' }, heading, none, list),
    h(
      'section',
      { class: 'panel coverage', 'aria-labelledby': 'crisis-coverage' },
      h('h2', { id: 'crisis-coverage' }, tr('crisisAdmin.coverageHeading')),
      h('h3', { id: 'coverage-groups' }, tr('crisisAdmin.noModHeading')),
      coverage.groupsWithoutModerator.length
        ? h(
            'ul',
            { class: 'plain-list groups-without-moderator', 'aria-labelledby': 'coverage-groups' },
            ...coverage.groupsWithoutModerator.map((group) =>
              h('li', {}, h('a', { href: `/admin/groups/${encodeURIComponent(group.slug)}` }, group.name)),
            ),
          )
        : notice(msg('crisisAdmin.noModNone')),
      h('h3', {}, tr('crisisAdmin.weekHeading')),
      h(
        'p',
        { class: 'week-summary' },
        coverage.uncoveredHours.length === 1
          ? tr('crisisAdmin.weekSummaryOne', { timezone: coverage.timezone })
          : tr('crisisAdmin.weekSummary', { count: coverage.uncoveredHours.length, timezone: coverage.timezone }),
      ),
      weekTable(coverage),
      h('h3', {}, tr('crisisAdmin.waitsHeading')),
      waitsTable(coverage, names),
    ),
    crisisAuditSection(audit, names),
    h('p', {}, h('a', { href: '/admin' }, tr('admin.back'))),
    live.element,
  ]);
};
