import { createHash } from 'node:crypto';
import type { ExportLanguage, ExportPlace, MyDataExport } from '../contracts/exports.js';

/**
 * The export as one self-contained HTML page to read and keep. Every value in it is written
 * through `escapeHtml`; the page has no script, no link, no image and no form, and its policy
 * (sent as a header and repeated in a meta element, for when it is opened from disk) allows only
 * its own style sheet.
 */

const STYLE = [
  'body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d1d1f}',
  'table{border-collapse:collapse;width:100%;margin:0 0 2rem}',
  'th,td{border:1px solid #c7c7cc;padding:.35rem .5rem;text-align:left;vertical-align:top}',
  'th{background:#f2f2f7}',
  'td.text{white-space:pre-wrap;overflow-wrap:anywhere}',
  '.note{background:#fff8e1;border:1px solid #e0c060;padding:.75rem 1rem}',
].join('');

const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/** Everything the page may load: its own inline style, nothing else. */
const PAGE_POLICY = `default-src 'none'; style-src ${STYLE_HASH}; base-uri 'none'; form-action 'none'`;

/** The header policy adds what only a header can say: never framed, and no script whatever the page holds. */
export const EXPORT_PAGE_CSP = `${PAGE_POLICY}; frame-ancestors 'none'; sandbox`;

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

type Cell = string | number | boolean | null;

interface Column<T> {
  label: Label;
  value: (item: T) => Cell;
  /** Member-written text: kept with its line breaks. */
  text?: true;
  /** A fixed value (a status, a kind), shown in the page's language. */
  term?: TermSet;
}

const LABELS = {
  title: { en: 'Your data on Kring', nl: 'Je gegevens op Kring' },
  intro: {
    en: 'Everything you wrote or set on Kring, as it was stored when you downloaded this page. It shows all your aliases side by side: keep it to yourself.',
    nl: 'Alles wat je op Kring schreef of instelde, zoals het was opgeslagen toen je deze pagina downloadde. Hier staan al je schuilnamen naast elkaar: hou het voor jezelf.',
  },
  exportedAt: { en: 'Downloaded', nl: 'Gedownload' },
  none: { en: 'Nothing.', nl: 'Niets.' },
  yes: { en: 'yes', nl: 'ja' },
  no: { en: 'no', nl: 'nee' },
  account: { en: 'Account', nl: 'Account' },
  loginName: { en: 'Login name', nl: 'Inlognaam' },
  role: { en: 'Role', nl: 'Rol' },
  createdAt: { en: 'Created', nl: 'Aangemaakt' },
  memberships: { en: 'Groups', nl: 'Groepen' },
  group: { en: 'Group', nl: 'Groep' },
  alias: { en: 'Your alias', nl: 'Je schuilnaam' },
  status: { en: 'Status', nl: 'Status' },
  joinedAt: { en: 'Joined', nl: 'Lid geworden' },
  leftAt: { en: 'Left', nl: 'Vertrokken' },
  pledgeAcceptedAt: { en: 'Pledge accepted', nl: 'Belofte aanvaard' },
  suspendedUntil: { en: 'Suspended until', nl: 'Geschorst tot' },
  mutedUntil: { en: 'Muted until', nl: 'Gedempt tot' },
  threads: { en: 'Your topics', nl: 'Je onderwerpen' },
  posts: { en: 'Your replies', nl: 'Je antwoorden' },
  revisions: { en: 'Earlier versions of your posts', nl: 'Eerdere versies van je berichten' },
  chatMessages: { en: 'Your chat messages', nl: 'Je chatberichten' },
  reactions: { en: 'Your reactions', nl: 'Je reacties' },
  readMarkers: { en: 'Where you stopped reading', nl: 'Waar je bleef met lezen' },
  buddyOffers: { en: 'Your buddy offers', nl: 'Je aanbod als buddy' },
  buddyPairs: { en: 'Your buddy links', nl: 'Je buddykoppelingen' },
  buddyBlocks: { en: 'Buddy requests you blocked', nl: 'Buddyverzoeken die je blokkeerde' },
  mutes: { en: 'Aliases you muted', nl: 'Schuilnamen die je negeert' },
  sessionSignups: { en: 'Sessions you signed up for', nl: 'Sessies waarvoor je je inschreef' },
  supportChats: { en: 'Support conversations', nl: 'Steungesprekken' },
  reports: { en: 'Your reports', nl: 'Je meldingen' },
  crisisAsks: { en: 'When you asked to talk to someone', nl: 'Wanneer je vroeg om met iemand te praten' },
  hostQuestions: {
    en: "Your questions to a group's hosts",
    nl: 'Je vragen aan de gastvrouwen en gastheren van een groep',
  },
  hostAnswers: {
    en: "Your answers as a group's host (the questions are the askers' own)",
    nl: 'Je antwoorden als gastvrouw of gastheer van een groep (de vragen zijn van wie ze stelde)',
  },
  askedAs: { en: 'Asked as', nl: 'Gevraagd als' },
  answered: { en: 'Answered', nl: 'Beantwoord' },
  appeals: { en: 'Your appeals', nl: 'Je bezwaren' },
  moderatorApplications: { en: 'Your moderator applications', nl: 'Je aanmeldingen als moderator' },
  ruleProposals: {
    en: 'Changes you proposed to a pledge or rules',
    nl: 'Wijzigingen die je voorstelde aan een belofte of regels',
  },
  groupProposals: { en: 'Groups you proposed', nl: 'Groepen die je voorstelde' },
  notificationSettings: { en: 'Your notification settings', nl: 'Je instellingen voor meldingen' },
  pushDevices: { en: 'Devices with push notifications', nl: 'Toestellen met pushmeldingen' },
  contentPreferences: { en: 'Your reading preferences', nl: 'Je leesvoorkeuren' },
  foldWarned: {
    en: 'Fold every text with a content warning',
    nl: 'Elke tekst met een inhoudswaarschuwing dichtgevouwen',
  },
  hiddenWords: { en: 'Your hidden words', nl: 'Je verborgen woorden' },
  enabled: { en: 'On', nl: 'Aan' },
  field: { en: 'What it changes', nl: 'Wat het wijzigt' },
  name: { en: 'Name', nl: 'Naam' },
  audience: { en: 'For', nl: 'Voor' },
  locale: { en: 'Language', nl: 'Taal' },
  moderate: { en: 'You would moderate', nl: 'Jij zou modereren' },
  proposedAlias: { en: 'Your alias there', nl: 'Je schuilnaam daar' },
  id: { en: 'Id', nl: 'Id' },
  threadId: { en: 'Topic id', nl: 'Onderwerp-id' },
  postId: { en: 'Post id', nl: 'Bericht-id' },
  titleColumn: { en: 'Title', nl: 'Titel' },
  contentWarning: { en: 'Content warning', nl: 'Inhoudswaarschuwing' },
  body: { en: 'Text', nl: 'Tekst' },
  written: { en: 'Written', nl: 'Geschreven' },
  editedAt: { en: 'Edited', nl: 'Bewerkt' },
  deletedAt: { en: 'Removed by you', nl: 'Door jou verwijderd' },
  hidden: { en: 'Hidden by a moderator', nl: 'Verborgen door een moderator' },
  held: { en: 'Waiting for review', nl: 'Wacht op controle' },
  replacedAt: { en: 'Replaced', nl: 'Vervangen' },
  room: { en: 'Room', nl: 'Ruimte' },
  session: { en: 'Session', nl: 'Sessie' },
  kind: { en: 'Kind', nl: 'Soort' },
  lastReadSeq: { en: 'Last post read', nl: 'Laatst gelezen bericht' },
  capacity: { en: 'Newcomers at once', nl: 'Nieuwkomers tegelijk' },
  paused: { en: 'Paused', nl: 'Gepauzeerd' },
  yourRole: { en: 'Your side', nl: 'Jouw kant' },
  otherAlias: { en: 'The other', nl: 'De ander' },
  requestedAt: { en: 'Asked', nl: 'Gevraagd' },
  decidedAt: { en: 'Decided', nl: 'Beslist' },
  endedAt: { en: 'Ended', nl: 'Beëindigd' },
  mutedAlias: { en: 'Muted alias', nl: 'Genegeerde schuilnaam' },
  startsAt: { en: 'Starts', nl: 'Begint' },
  endsAt: { en: 'Ends', nl: 'Eindigt' },
  facilitator: { en: 'You led it', nl: 'Jij leidde het' },
  volunteer: { en: 'Volunteer', nl: 'Vrijwilliger' },
  closedAt: { en: 'Closed', nl: 'Gesloten' },
  target: { en: 'Item', nl: 'Item' },
  reason: { en: 'Reason', nl: 'Reden' },
  note: { en: 'Your note', nl: 'Je toelichting' },
  action: { en: 'Action appealed', nl: 'Maatregel' },
} satisfies Record<string, Record<ExportLanguage, string>>;

type Label = keyof typeof LABELS;

type Words = Record<ExportLanguage, string>;

/** The export's fixed values in words; a value not listed here is shown as it is in the JSON. */
const TERMS = {
  status: {
    active: { en: 'active', nl: 'actief' },
    pending: { en: 'waiting for approval', nl: 'wacht op goedkeuring' },
    left: { en: 'left', nl: 'vertrokken' },
    removed: { en: 'removed', nl: 'verwijderd' },
    declined: { en: 'declined', nl: 'afgewezen' },
    requested: { en: 'asked', nl: 'gevraagd' },
    ended: { en: 'ended', nl: 'beëindigd' },
    open: { en: 'open', nl: 'open' },
    approved: { en: 'approved', nl: 'goedgekeurd' },
    accepted: { en: 'accepted', nl: 'aanvaard' },
    upheld: { en: 'upheld', nl: 'behouden' },
    overturned: { en: 'overturned', nl: 'teruggedraaid' },
    offered: { en: 'offered', nl: 'aangeboden' },
    closed: { en: 'closed', nl: 'gesloten' },
  },
  role: {
    member: { en: 'member', nl: 'lid' },
    moderator: { en: 'moderator', nl: 'moderator' },
    admin: { en: 'administrator', nl: 'beheerder' },
    buddy: { en: 'buddy', nl: 'buddy' },
    newcomer: { en: 'newcomer', nl: 'nieuwkomer' },
    crisis_responder: { en: 'crisis volunteer', nl: 'crisisvrijwilliger' },
    guest: { en: 'guest', nl: 'bezoeker' },
  },
  room: {
    group: { en: 'group chat', nl: 'groepschat' },
    session: { en: 'session', nl: 'sessie' },
    buddy: { en: 'buddy chat', nl: 'buddychat' },
    support: { en: 'support conversation', nl: 'steungesprek' },
  },
  reaction: {
    recognise: { en: 'I recognise this', nl: 'Herkenbaar' },
    support: { en: 'Support', nl: 'Steun' },
  },
  reason: {
    crisis: { en: 'worried about safety', nl: 'zorgen om veiligheid' },
    harassment: { en: 'harassment', nl: 'intimidatie' },
    privacy: { en: 'privacy', nl: 'privacy' },
    spam: { en: 'spam', nl: 'spam' },
    other: { en: 'other', nl: 'iets anders' },
  },
  field: {
    pledge: { en: 'pledge', nl: 'belofte' },
    rules: { en: 'rules', nl: 'regels' },
  },
  notification: {
    reply: {
      en: 'Replies in threads I started or replied to',
      nl: 'Antwoorden in gesprekken die ik begon of waarin ik antwoordde',
    },
    mention: { en: 'Mentions of my alias', nl: 'Vermeldingen van mijn alias' },
    buddy: { en: 'Buddy requests and answers', nl: 'Buddyverzoeken en antwoorden' },
    notice: { en: 'Notices from the moderators', nl: 'Berichten van de moderatoren' },
    appeal: { en: 'Decisions on my appeals', nl: 'Beslissingen over mijn bezwaren' },
    session: { en: 'Reminders of sessions I signed up for', nl: 'Herinneringen aan sessies waarvoor ik me inschreef' },
    join: { en: 'Decisions on my requests to join', nl: 'Beslissingen over mijn aanvragen om lid te worden' },
  },
  audience: {
    peers: { en: 'people who live it themselves', nl: 'wie het zelf meemaakt' },
    relatives: { en: 'relatives and friends', nl: 'naasten' },
  },
} satisfies Record<string, Record<string, Words>>;

type TermSet = keyof typeof TERMS;

function when(value: string | null): Cell {
  return value === null ? null : `${value.slice(0, 16).replace('T', ' ')} UTC`;
}

const inGroup = <T extends ExportPlace>(): Column<T>[] => [
  { label: 'group', value: (item) => item.group.name },
  { label: 'alias', value: (item) => item.alias },
];

const itemFlags = <
  T extends { editedAt: string | null; deletedAt: string | null; hiddenByModerator: boolean; heldForReview: boolean },
>(): Column<T>[] => [
  { label: 'editedAt', value: (item) => when(item.editedAt) },
  { label: 'deletedAt', value: (item) => when(item.deletedAt) },
  { label: 'hidden', value: (item) => item.hiddenByModerator },
  { label: 'held', value: (item) => item.heldForReview },
];

type Sections = Omit<MyDataExport, 'format' | 'version' | 'exportedAt' | 'account'>;
type SectionColumns = { [K in keyof Sections]: Column<Sections[K][number]>[] };

const SECTIONS: SectionColumns = {
  memberships: [
    ...inGroup(),
    { label: 'status', value: (m) => m.status, term: 'status' },
    { label: 'role', value: (m) => m.role, term: 'role' },
    { label: 'joinedAt', value: (m) => when(m.joinedAt) },
    { label: 'leftAt', value: (m) => when(m.leftAt) },
    { label: 'pledgeAcceptedAt', value: (m) => when(m.pledgeAcceptedAt) },
    { label: 'suspendedUntil', value: (m) => when(m.suspendedUntil) },
    { label: 'mutedUntil', value: (m) => when(m.mutedUntil) },
  ],
  threads: [
    ...inGroup(),
    { label: 'id', value: (t) => t.id },
    { label: 'written', value: (t) => when(t.createdAt) },
    { label: 'titleColumn', value: (t) => t.title, text: true },
    { label: 'contentWarning', value: (t) => t.contentWarning, text: true },
    { label: 'body', value: (t) => t.body, text: true },
    ...itemFlags(),
  ],
  posts: [
    ...inGroup(),
    { label: 'threadId', value: (p) => p.threadId },
    { label: 'id', value: (p) => p.id },
    { label: 'written', value: (p) => when(p.createdAt) },
    { label: 'contentWarning', value: (p) => p.contentWarning, text: true },
    { label: 'body', value: (p) => p.body, text: true },
    ...itemFlags(),
  ],
  revisions: [
    ...inGroup(),
    { label: 'postId', value: (r) => r.postId },
    { label: 'written', value: (r) => when(r.writtenAt) },
    { label: 'replacedAt', value: (r) => when(r.replacedAt) },
    { label: 'titleColumn', value: (r) => r.title, text: true },
    { label: 'contentWarning', value: (r) => r.contentWarning, text: true },
    { label: 'body', value: (r) => r.body, text: true },
  ],
  chatMessages: [
    ...inGroup(),
    { label: 'room', value: (c) => c.room, term: 'room' },
    { label: 'session', value: (c) => c.session, text: true },
    { label: 'written', value: (c) => when(c.sentAt) },
    { label: 'contentWarning', value: (c) => c.contentWarning, text: true },
    { label: 'body', value: (c) => c.body, text: true },
    { label: 'hidden', value: (c) => c.hiddenByModerator },
    { label: 'held', value: (c) => c.heldForReview },
  ],
  reactions: [
    ...inGroup(),
    { label: 'kind', value: (r) => r.kind, term: 'reaction' },
    { label: 'threadId', value: (r) => r.threadId },
    { label: 'postId', value: (r) => r.postId },
    { label: 'createdAt', value: (r) => when(r.createdAt) },
  ],
  readMarkers: [
    ...inGroup(),
    { label: 'threadId', value: (r) => r.threadId },
    { label: 'lastReadSeq', value: (r) => r.lastReadSeq },
    { label: 'createdAt', value: (r) => when(r.readAt) },
  ],
  buddyOffers: [
    ...inGroup(),
    { label: 'capacity', value: (o) => o.capacity },
    { label: 'paused', value: (o) => o.paused },
    { label: 'createdAt', value: (o) => when(o.createdAt) },
  ],
  buddyPairs: [
    ...inGroup(),
    { label: 'yourRole', value: (p) => p.role, term: 'role' },
    { label: 'status', value: (p) => p.status, term: 'status' },
    { label: 'otherAlias', value: (p) => p.otherAlias },
    { label: 'requestedAt', value: (p) => when(p.requestedAt) },
    { label: 'decidedAt', value: (p) => when(p.decidedAt) },
    { label: 'endedAt', value: (p) => when(p.endedAt) },
  ],
  buddyBlocks: [...inGroup(), { label: 'createdAt', value: (b) => when(b.createdAt) }],
  mutes: [
    ...inGroup(),
    { label: 'mutedAlias', value: (m) => m.mutedAlias },
    { label: 'createdAt', value: (m) => when(m.createdAt) },
  ],
  sessionSignups: [
    ...inGroup(),
    { label: 'session', value: (s) => s.session, text: true },
    { label: 'startsAt', value: (s) => when(s.startsAt) },
    { label: 'endsAt', value: (s) => when(s.endsAt) },
    { label: 'facilitator', value: (s) => s.facilitator },
    { label: 'createdAt', value: (s) => when(s.signedUpAt) },
  ],
  supportChats: [
    ...inGroup(),
    { label: 'volunteer', value: (s) => s.volunteer, term: 'role' },
    { label: 'status', value: (s) => s.status, term: 'status' },
    { label: 'requestedAt', value: (s) => when(s.offeredAt) },
    { label: 'decidedAt', value: (s) => when(s.decidedAt) },
    { label: 'closedAt', value: (s) => when(s.closedAt) },
  ],
  reports: [
    ...inGroup(),
    { label: 'target', value: (r) => `${r.targetKind} ${r.targetId}` },
    { label: 'reason', value: (r) => r.reason, term: 'reason' },
    { label: 'note', value: (r) => r.note, text: true },
    { label: 'createdAt', value: (r) => when(r.createdAt) },
  ],
  crisisAsks: [
    ...inGroup(),
    { label: 'note', value: (a) => a.note, text: true },
    { label: 'createdAt', value: (a) => when(a.askedAt) },
  ],
  hostQuestions: [
    { label: 'group', value: (q) => q.group.name },
    { label: 'askedAs', value: (q) => q.askedAs, term: 'role' },
    { label: 'body', value: (q) => q.question, text: true },
    { label: 'createdAt', value: (q) => when(q.askedAt) },
    { label: 'answered', value: (q) => q.answered },
  ],
  hostAnswers: [
    ...inGroup(),
    { label: 'written', value: (a) => when(a.answeredAt) },
    { label: 'body', value: (a) => a.answer, text: true },
  ],
  appeals: [
    ...inGroup(),
    { label: 'action', value: (a) => a.action },
    { label: 'body', value: (a) => a.text, text: true },
    { label: 'status', value: (a) => a.status, term: 'status' },
    { label: 'createdAt', value: (a) => when(a.createdAt) },
    { label: 'decidedAt', value: (a) => when(a.decidedAt) },
  ],
  moderatorApplications: [
    ...inGroup(),
    { label: 'body', value: (a) => a.motivation, text: true },
    { label: 'status', value: (a) => a.status, term: 'status' },
    { label: 'createdAt', value: (a) => when(a.createdAt) },
    { label: 'decidedAt', value: (a) => when(a.decidedAt) },
  ],
  ruleProposals: [
    ...inGroup(),
    { label: 'field', value: (r) => r.field, term: 'field' },
    { label: 'body', value: (r) => r.text, text: true },
    { label: 'note', value: (r) => r.note, text: true },
    { label: 'status', value: (r) => r.status, term: 'status' },
    { label: 'createdAt', value: (r) => when(r.createdAt) },
    { label: 'decidedAt', value: (r) => when(r.decidedAt) },
  ],
  groupProposals: [
    { label: 'name', value: (g) => g.name, text: true },
    { label: 'body', value: (g) => g.purpose, text: true },
    { label: 'audience', value: (g) => g.audience, term: 'audience' },
    { label: 'locale', value: (g) => g.locale },
    { label: 'moderate', value: (g) => g.moderate },
    { label: 'proposedAlias', value: (g) => g.alias },
    { label: 'status', value: (g) => g.status, term: 'status' },
    { label: 'group', value: (g) => g.group?.name ?? null },
    { label: 'createdAt', value: (g) => when(g.createdAt) },
    { label: 'decidedAt', value: (g) => when(g.decidedAt) },
  ],
  notificationSettings: [
    { label: 'kind', value: (n) => n.kind, term: 'notification' },
    { label: 'enabled', value: (n) => n.enabled },
  ],
  pushDevices: [
    { label: 'locale', value: (d) => d.language },
    { label: 'createdAt', value: (d) => when(d.createdAt) },
  ],
  contentPreferences: [
    { label: 'foldWarned', value: (c) => c.foldWarned },
    { label: 'hiddenWords', value: (c) => c.hiddenWords.join(', '), text: true },
  ],
};

/** Renders the export as the page; `lang` picks the language of its headings. */
export function renderExportPage(data: MyDataExport, lang: ExportLanguage): string {
  const say = (label: Label) => escapeHtml(LABELS[label][lang]);
  const cell = (value: Cell, term?: TermSet): string => {
    if (value === null) {
      return '';
    }
    if (term && typeof value === 'string') {
      const words: Partial<Record<string, Words>> = TERMS[term];
      return escapeHtml(words[value]?.[lang] ?? value);
    }
    if (typeof value === 'boolean') {
      return value ? say('yes') : say('no');
    }
    return escapeHtml(String(value));
  };
  const table = <T>(label: Label, columns: Column<T>[], items: T[]): string => {
    const heading = `<h2>${say(label)}</h2>`;
    if (items.length === 0) {
      return `${heading}<p>${say('none')}</p>`;
    }
    const head = columns.map((column) => `<th scope="col">${say(column.label)}</th>`).join('');
    const rows = items
      .map(
        (item) =>
          `<tr>${columns
            .map((column) => `<td${column.text ? ' class="text"' : ''}>${cell(column.value(item), column.term)}</td>`)
            .join('')}</tr>`,
      )
      .join('\n');
    return `${heading}<table><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
  };
  const sections = (Object.keys(SECTIONS) as (keyof Sections)[]).map((key) =>
    table(key, SECTIONS[key] as Column<unknown>[], data[key] as unknown[]),
  );
  const account = table(
    'account',
    [
      { label: 'loginName', value: (a: MyDataExport['account']) => a.loginName },
      { label: 'role', value: (a: MyDataExport['account']) => a.role, term: 'role' },
      { label: 'createdAt', value: (a: MyDataExport['account']) => when(a.createdAt) },
    ],
    [data.account],
  );
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(PAGE_POLICY)}">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>${say('title')}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${say('title')}</h1>
<p class="note">${say('intro')}</p>
<p>${say('exportedAt')}: ${cell(when(data.exportedAt))}</p>
${account}
${sections.join('\n')}
</body>
</html>
`;
}
