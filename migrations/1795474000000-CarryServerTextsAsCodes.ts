import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notices and audit entries carry the server's words as a code with parameters (the client says
 * them in the reader's language); the moderator's own words stay apart in `message` / `reason`.
 * Existing rows whose text is one of the server's known English (or, for crisis notices, Dutch)
 * sentences get their code; any other row keeps its text and is shown as it is. The sentences are
 * copied here as they were written before this migration, so the migration never changes with them.
 */
export class CarryServerTextsAsCodes1795474000000 implements MigrationInterface {
  name = 'CarryServerTextsAsCodes1795474000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "notice" ADD "text_code" character varying(48)');
    await queryRunner.query('ALTER TABLE "notice" ADD "text_params" jsonb');
    await queryRunner.query('ALTER TABLE "moderation_action" ADD "reason_code" character varying(48)');
    await queryRunner.query('ALTER TABLE "moderation_action" ADD "reason_params" jsonb');

    const notices = (await queryRunner.query('SELECT id, message FROM "notice"')) as { id: string; message: string }[];
    for (const notice of notices) {
      const coded = noticeCode(notice.message);
      if (coded) {
        await queryRunner.query(
          'UPDATE "notice" SET "text_code" = $2, "text_params" = $3, "message" = $4 WHERE id = $1',
          [notice.id, coded.code, coded.params ? JSON.stringify(coded.params) : null, coded.rest],
        );
      }
    }
    const entries = (await queryRunner.query(
      'SELECT id, action, reason FROM "moderation_action" WHERE reason <> \'\'',
    )) as { id: string; action: string; reason: string }[];
    for (const entry of entries) {
      const coded = auditCode(entry.action, entry.reason);
      if (coded) {
        await queryRunner.query(
          'UPDATE "moderation_action" SET "reason_code" = $2, "reason_params" = $3, "reason" = $4 WHERE id = $1',
          [entry.id, coded.code, coded.params ? JSON.stringify(coded.params) : null, coded.rest],
        );
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Coded rows get an English text back, as the server wrote them before.
    const notices = (await queryRunner.query(
      'SELECT id, text_code, text_params, message FROM "notice" WHERE text_code IS NOT NULL',
    )) as { id: string; text_code: string; text_params: Record<string, string | number> | null; message: string }[];
    for (const notice of notices) {
      await queryRunner.query('UPDATE "notice" SET "message" = $2 WHERE id = $1', [
        notice.id,
        noticeEnglish(notice.text_code, notice.text_params ?? {}, notice.message),
      ]);
    }
    const entries = (await queryRunner.query(
      'SELECT id, reason_code, reason_params, reason FROM "moderation_action" WHERE reason_code IS NOT NULL',
    )) as { id: string; reason_code: string; reason_params: Record<string, string | number> | null; reason: string }[];
    for (const entry of entries) {
      const english = AUDIT_ENGLISH[entry.reason_code] ?? AUDIT_ENGLISH_DOWN[entry.reason_code];
      if (english) {
        const said = fill(english, entry.reason_params ?? {});
        await queryRunner.query('UPDATE "moderation_action" SET "reason" = $2 WHERE id = $1', [
          entry.id,
          entry.reason ? `${said}: ${entry.reason}` : said,
        ]);
      }
    }
    await queryRunner.query('ALTER TABLE "moderation_action" DROP COLUMN "reason_params"');
    await queryRunner.query('ALTER TABLE "moderation_action" DROP COLUMN "reason_code"');
    await queryRunner.query('ALTER TABLE "notice" DROP COLUMN "text_params"');
    await queryRunner.query('ALTER TABLE "notice" DROP COLUMN "text_code"');
  }
}

interface Coded {
  code: string;
  params?: Record<string, string | number>;
  /** What remains: the moderator's own words, or ''. */
  rest: string;
}

/** What a member was told per action, before codes (src/moderation/actions.service.ts `TOLD`). */
const TOLD: Record<string, string> = {
  hide: 'A moderator removed something you wrote from view.',
  restore: 'A moderator made something you wrote visible again.',
  delete: 'A moderator deleted something you wrote.',
  lock: 'A moderator locked your thread: it takes no new replies.',
  unlock: 'A moderator unlocked your thread.',
  pin: 'A moderator pinned your thread.',
  unpin: 'A moderator unpinned your thread.',
  warn: 'A moderator sends you a warning. We want this group to stay safe for everyone, you included.',
  mute: 'A moderator muted you in the group chat for a while.',
  unmute: 'A moderator lifted your chat mute.',
  suspend: 'A moderator suspended your membership of this group for a while.',
  unsuspend: 'A moderator lifted your suspension.',
  remove: 'A moderator removed you from this group.',
};

/** Whole notices the system wrote alone, in either language of a group. */
const WHOLE: Record<string, string> = {
  'Thank you for your report. A moderator has looked at it and handled it.': 'notice.reportHandled',
  'Iemand in deze groep maakt zich zorgen om je en vroeg ons even bij je te informeren. Hoe gaat het met je? Als het zwaar is: je hoeft het niet alleen te dragen. Hieronder staan lijnen die dag en nacht luisteren.':
    'notice.worry',
  "Someone in this group is worried about you and asked us to check in. How are you doing? If things are hard: you don't have to carry it alone. Below are lines that listen day and night.":
    'notice.worry',
  'We lazen je bericht en willen dat je weet dat er hulp is, nu meteen. Bel een van de lijnen hieronder: ze luisteren dag en nacht. Een vrijwilliger van Kring leest je bericht zodra er een is.':
    'notice.crisis',
  'We read your message and want you to know help is there, right now. Call one of the lines below: they listen day and night. A Kring volunteer will read your message as soon as one is there.':
    'notice.crisis',
  'Je vroeg om iemand om mee te praten. Er is nu meteen hulp: bel een van de lijnen hieronder, ze luisteren dag en nacht. Een vrijwilliger van Kring komt naar je toe zodra er een is.':
    'notice.crisisAsk',
  'You asked for someone to talk to. Help is there right now: call one of the lines below, they listen day and night. A Kring volunteer will come to you as soon as one is there.':
    'notice.crisisAsk',
};

const DECIDERS: Record<string, string> = {
  'another moderator': 'moderator',
  'an admin': 'admin',
  'a crisis responder': 'responder',
};

function noticeCode(message: string): Coded | null {
  if (Object.hasOwn(WHOLE, message)) {
    return { code: WHOLE[message], rest: '' };
  }
  for (const [action, sentence] of Object.entries(TOLD)) {
    if (!message.startsWith(`${sentence} `)) {
      continue;
    }
    const found = /^(?:\((\d+) (minutes|days)\) )?Reason: ([\s\S]*)$/.exec(message.slice(sentence.length + 1));
    if (!found) {
      return null;
    }
    const params: Record<string, number> | undefined = found[1]
      ? { [action === 'mute' ? 'minutes' : 'days']: Number(found[1]) }
      : undefined;
    return { code: `notice.${action}`, params, rest: found[3] };
  }
  const granted =
    /^Your appeal was granted by (another moderator|an admin|a crisis responder): the action was undone\. ([\s\S]*)$/.exec(
      message,
    );
  if (granted) {
    return { code: `notice.appealGranted.${DECIDERS[granted[1]]}`, rest: granted[2] };
  }
  const kept =
    /^Your appeal was looked at by (another moderator|an admin|a crisis responder), who kept the action\. ([\s\S]*)$/.exec(
      message,
    );
  if (kept) {
    return { code: `notice.appealKept.${DECIDERS[kept[1]]}`, rest: kept[2] };
  }
  return null;
}

function noticeEnglish(code: string, params: Record<string, string | number>, rest: string): string {
  const action = /^notice\.(\w+)$/.exec(code)?.[1];
  if (action && Object.hasOwn(TOLD, action)) {
    const duration =
      action === 'mute' ? `(${params.minutes} minutes) ` : action === 'suspend' ? `(${params.days} days) ` : '';
    return `${TOLD[action]} ${duration}Reason: ${rest}`;
  }
  const whole = Object.entries(WHOLE).find(([, wholeCode]) => wholeCode === code);
  if (whole && !rest) {
    return whole[0];
  }
  const decided = /^notice\.appeal(Granted|Kept)\.(\w+)$/.exec(code);
  if (decided) {
    const who = Object.entries(DECIDERS).find(([, role]) => role === decided[2])?.[0] ?? 'a moderator';
    return decided[1] === 'Granted'
      ? `Your appeal was granted by ${who}: the action was undone. ${rest}`
      : `Your appeal was looked at by ${who}, who kept the action. ${rest}`;
  }
  return rest;
}

/** The system's audit reasons before codes; `{name}` marks a parameter. */
const AUDIT_ENGLISH: Record<string, string> = {
  'audit.appointed': 'Appointed as moderator',
  'audit.dismissed': 'No longer a moderator',
  'audit.applicationDeclined': 'Application to moderate declined',
  'audit.firstModerator': 'First moderator: proposed this group',
  'audit.steppedDown': 'Stepped down as moderator',
  'audit.paused': 'Taking a break from moderating',
  'audit.resumed': 'Back from a break',
  'audit.claimedCase': 'Claimed queue entry {case}',
  'audit.support.offered.moderator': 'Support conversation {chat}: Offered by a moderator.',
  'audit.support.offered.crisis_responder': 'Support conversation {chat}: Offered by a crisis_responder.',
  'audit.support.accepted': 'Support conversation {chat}: Accepted by the member.',
  'audit.support.declined': 'Support conversation {chat}: Declined by the member.',
  'audit.support.closed.member': 'Support conversation {chat}: Closed by the member.',
  'audit.support.closed.moderator': 'Support conversation {chat}: Closed by the moderator.',
  'audit.support.closed.crisis_responder': 'Support conversation {chat}: Closed by the crisis_responder.',
  'audit.infoPage': 'information page: {fields}',
  'audit.pairedWith': 'paired with {group}',
  'audit.pairingEnded': 'pairing ended',
  'audit.referralCode': 'referral code: {uses} uses, {days} days',
};

/** Reasons recognised by their shape rather than by a sentence (see `auditCode`), for `down()`. */
const AUDIT_ENGLISH_DOWN: Record<string, string> = {
  'audit.word.block': 'block: {phrase}',
  'audit.word.hold': 'hold: {phrase}',
  'audit.word.crisis': 'crisis: {phrase}',
  'audit.groupFields': '{fields}',
  'audit.groupSettings': '{settings}',
};

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A step-down or pause reason was the moderator's own words when they gave some: only the defaults are the system's. */
function auditCode(action: string, reason: string): Coded | null {
  for (const [code, english] of Object.entries(AUDIT_ENGLISH)) {
    const names: string[] = [];
    const pattern = escape(english).replace(/\\\{(\w+)\\\}/g, (_whole, name: string) => {
      names.push(name);
      return name === 'uses' || name === 'days' ? '(\\d+)' : '(.+?)';
    });
    const found = new RegExp(`^${pattern}$`).exec(reason);
    if (found) {
      const params = Object.fromEntries(
        names.map((name, index) => [
          name,
          name === 'uses' || name === 'days' ? Number(found[index + 1]) : found[index + 1],
        ]),
      );
      return { code, params: names.length ? params : undefined, rest: '' };
    }
  }
  const word = /^(block|hold|crisis): ([\s\S]+)$/.exec(reason);
  if (word && (action === 'word-add' || action === 'word-remove')) {
    return { code: `audit.word.${word[1]}`, params: { phrase: word[2] }, rest: '' };
  }
  if (action === 'group-update' && /^[a-zA-Z]+(, [a-zA-Z]+)*$/.test(reason)) {
    return { code: 'audit.groupFields', params: { fields: reason }, rest: '' };
  }
  if (action === 'group-settings' && /^[a-zA-Z]+: [^,]*(, [a-zA-Z]+: [^,]*)*$/.test(reason)) {
    return { code: 'audit.groupSettings', params: { settings: reason }, rest: '' };
  }
  return null;
}
