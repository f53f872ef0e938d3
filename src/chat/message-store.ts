import type { EntityManager } from 'typeorm';

/** The transaction a batch runs in: TypeORM's manager, and the hot statements by name. */
export interface BatchTransaction {
  /** Only this manager inside the batch: the embedded database has one connection. */
  manager: EntityManager;
  /**
   * A hot statement: sent as a named (prepared) statement, planned once per connection, unless
   * `DATABASE_PREPARED_STATEMENTS=false`. A `name` stands for one `text` only.
   */
  query<R>(name: string, text: string, values: unknown[]): Promise<R[]>;
}

/** A message about to be stored; `seq` comes from the room. */
export interface MessageDraft {
  id: string;
  roomId: string;
  /** The author's membership, or null when the volunteer of a support conversation wrote it. */
  membershipId: string | null;
  supportChatId: string | null;
  clientMsgId: string;
  body: string;
  /** The author's optional short warning (receivers see the message folded under it). */
  contentWarning: string | null;
  createdAt: Date;
  heldAt: Date | null;
}

/**
 * A message to write, and in a group room the member's standing as the sender's access found it:
 * the write stores it only while the member may still send there (see `storeMessages`).
 */
export interface MessageWrite {
  draft: MessageDraft;
  check: { role: string; slowModeSeconds: number } | null;
}

/** What storing a message came to: its seq (null: not stored), and why not. */
export interface Stored {
  seq: number | null;
  mutedBy: string[];
  /** The member sent this clientMsgId before (checked writes only). */
  sentBefore?: boolean;
  /** The author's account is banned (checked writes only). */
  banned?: boolean;
}

interface StoredRow {
  seq: number | null;
  mutedBy: string[];
  ok: boolean;
  sent: boolean;
  banned: boolean;
}

const STORE_COLUMNS =
  'id, room_id, seq, membership_id, client_msg_id, body, created_at, held_at, support_chat_id, content_warning';

/**
 * The standing a checked write requires, for the sender `m` of input row `i` (columns `role`,
 * `slow_mode`, `created_at`) at time `now` in room `r` of group `g`: membership active with the same role and the
 * current pledge, no suspension or mute running (on any membership of the account in the group, as
 * `requireMember` counts them), the group not archived and the room's slow mode unchanged.
 */
const standingOk = (
  now: string,
) => `m.status = 'active' AND m.role::text = i.role AND m.pledge_version >= g.pledge_version
  AND g.archived_at IS NULL AND r.slow_mode_seconds = i.slow_mode
  AND NOT EXISTS (SELECT 1 FROM membership f WHERE f.group_id = m.group_id AND f.account_id = m.account_id
                    AND (f.suspended_until > ${now} OR f.muted_until > i.created_at))`;

/**
 * Every message of a batch in ONE statement: each checked row's standing is read, the accepted
 * rows get their room's next seqs (in the order given, gap-free: a room's `last_seq` is raised
 * once by its count of accepted rows), and the rows are inserted together. The rooms' row locks
 * are taken in id order first, so two processes' batches cannot deadlock, and are held to the
 * commit, so a room's seqs commit in order (RoomFanout relies on it). A refused row (standing
 * changed, clientMsgId used before, account banned) is not written and gets seq null; any error
 * fails the whole statement (the caller isolates the culprit).
 */
const STORE_MANY = `WITH input AS (
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::timestamptz[],
                         $7::timestamptz[], $8::uuid[], $9::text[], $10::int[], $12::text[])
      WITH ORDINALITY AS i(room_id, id, membership_id, client_msg_id, body, created_at, held_at, support_chat_id,
                           role, slow_mode, content_warning, ord)
  ), standing AS (
    SELECT i.ord, i.room_id,
           i.role IS NOT NULL AND COALESCE(a.banned_at IS NOT NULL, false) AS banned,
           i.role IS NOT NULL AND EXISTS (SELECT 1 FROM chat_message s
                                           WHERE s.membership_id = i.membership_id AND s.client_msg_id = i.client_msg_id) AS sent,
           i.role IS NULL OR COALESCE(${standingOk('$11')}, false) AS ok
      FROM input i
      LEFT JOIN membership m ON i.role IS NOT NULL AND m.id = i.membership_id
      LEFT JOIN support_group g ON g.id = m.group_id
      LEFT JOIN account a ON a.id = m.account_id
      LEFT JOIN chat_room r ON r.id = i.room_id AND r.group_id = g.id
  ), accepted AS (
    SELECT ord, room_id, row_number() OVER (PARTITION BY room_id ORDER BY ord) AS n
      FROM standing WHERE ok AND NOT sent AND NOT banned
  ), counts AS (
    SELECT room_id, count(*)::int AS c FROM accepted GROUP BY room_id
  ), locked AS (
    SELECT id FROM chat_room WHERE id IN (SELECT room_id FROM counts) ORDER BY id FOR UPDATE
  ), bumped AS (
    UPDATE chat_room r SET last_seq = r.last_seq + c.c FROM counts c JOIN locked l ON l.id = c.room_id
     WHERE r.id = c.room_id
    RETURNING r.id, r.last_seq - c.c AS base
  ), inserted AS (
    INSERT INTO chat_message (${STORE_COLUMNS})
    SELECT i.id, i.room_id, b.base + a.n, i.membership_id, i.client_msg_id, i.body, i.created_at, i.held_at,
           i.support_chat_id, i.content_warning
      FROM accepted a JOIN input i ON i.ord = a.ord JOIN bumped b ON b.id = a.room_id
    RETURNING id, seq
  )
  SELECT ins.seq, s.ok, s.sent, s.banned,
         ARRAY(SELECT mm.membership_id::text FROM member_mute mm WHERE mm.muted_membership_id = i.membership_id) AS "mutedBy"
    FROM standing s JOIN input i ON i.ord = s.ord LEFT JOIN inserted ins ON ins.id = i.id
   ORDER BY s.ord`;

/**
 * Stores the messages in one statement (see STORE_MANY); the results in the order given. Within a
 * room, the messages get consecutive seqs in the order given.
 */
export async function storeMessages(tx: BatchTransaction, writes: readonly MessageWrite[]): Promise<Stored[]> {
  const n = writes.length;
  const columns: unknown[][] = Array.from({ length: 11 }, () => new Array<unknown>(n));
  for (let i = 0; i < n; i++) {
    const { draft, check } = writes[i];
    columns[0][i] = draft.roomId;
    columns[1][i] = draft.id;
    columns[2][i] = draft.membershipId;
    columns[3][i] = draft.clientMsgId;
    columns[4][i] = draft.body;
    columns[5][i] = draft.createdAt.toISOString();
    columns[6][i] = draft.heldAt?.toISOString() ?? null;
    columns[7][i] = draft.supportChatId;
    columns[8][i] = check?.role ?? null;
    columns[9][i] = check?.slowModeSeconds ?? null;
    columns[10][i] = draft.contentWarning;
  }
  const [now, warnings] = [new Date().toISOString(), columns.pop()];
  const rows = await tx.query<StoredRow>('kring_chat_store_many', STORE_MANY, [...columns, now, warnings]);
  if (rows.length !== n) {
    throw new Error(`The batch statement answered ${rows.length} rows for ${n} messages`);
  }
  return rows.map((row, i) => stored(row, writes[i].check !== null));
}

/** One message alone (a batch of one, or the culprit search): the same rules as `storeMessages`. */
export async function storeMessage(tx: BatchTransaction, write: MessageWrite): Promise<Stored> {
  return write.check ? storeChecked(tx, write.draft, write.check) : storeUnchecked(tx, write.draft);
}

function stored(row: StoredRow, checked: boolean): Stored {
  const seq = row.seq === null ? null : Number(row.seq);
  return checked
    ? { seq, mutedBy: row.mutedBy, sentBefore: row.sent, banned: row.banned }
    : { seq, mutedBy: row.mutedBy };
}

/**
 * Stores a message with its room's next `seq` and returns the members who muted its author, in one
 * statement. The room's row lock taken by the `UPDATE` is held to the commit, so a room's seqs
 * commit in order and without gaps (RoomFanout relies on it).
 */
async function storeUnchecked(tx: BatchTransaction, draft: MessageDraft): Promise<Stored> {
  const [inserted] = await tx.query<{ seq: number; mutedBy: string[] }>(
    'kring_chat_store',
    `WITH bumped AS (UPDATE chat_room SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq)
     INSERT INTO chat_message (${STORE_COLUMNS})
     SELECT $2, $1, last_seq, $3, $4, $5, $6, $7, $8, $9 FROM bumped
     RETURNING seq, ARRAY(SELECT membership_id::text FROM member_mute WHERE muted_membership_id = $3) AS "mutedBy"`,
    draftValues(draft),
  );
  return { seq: Number(inserted.seq), mutedBy: inserted.mutedBy };
}

/**
 * As `storeUnchecked`, for a member in a group room, only while the member may still send there as
 * `check` found them (see standingOk), the account not banned and this clientMsgId not used
 * before. Otherwise nothing is written and the seq is null.
 */
async function storeChecked(
  tx: BatchTransaction,
  draft: MessageDraft,
  check: NonNullable<MessageWrite['check']>,
): Promise<Stored> {
  const [row] = await tx.query<StoredRow>(
    'kring_chat_store_checked',
    `WITH i AS (SELECT $10::text AS role, $11::int AS slow_mode, $6::timestamptz AS created_at),
     standing AS (
       SELECT a.banned_at IS NOT NULL AS banned,
              EXISTS (SELECT 1 FROM chat_message s WHERE s.membership_id = m.id AND s.client_msg_id = $4) AS sent,
              ${standingOk('$12')} AS ok
         FROM i, membership m JOIN support_group g ON g.id = m.group_id JOIN account a ON a.id = m.account_id
         JOIN chat_room r ON r.id = $1 AND r.group_id = g.id
        WHERE m.id = $3
     ), bumped AS (
       UPDATE chat_room SET last_seq = last_seq + 1
        WHERE id = $1 AND (SELECT ok AND NOT sent AND NOT banned FROM standing)
       RETURNING last_seq
     ), inserted AS (
       INSERT INTO chat_message (${STORE_COLUMNS})
       SELECT $2, $1, last_seq, $3, $4, $5, $6, $7, $8, $9 FROM bumped
       RETURNING seq
     )
     SELECT (SELECT seq FROM inserted) AS seq, ok, sent, banned,
            ARRAY(SELECT membership_id::text FROM member_mute WHERE muted_membership_id = $3) AS "mutedBy"
       FROM standing`,
    [...draftValues(draft), check.role, check.slowModeSeconds, new Date()],
  );
  if (!row) {
    return { seq: null, mutedBy: [] };
  }
  return stored(row, true);
}

function draftValues(draft: MessageDraft): unknown[] {
  return [
    draft.roomId,
    draft.id,
    draft.membershipId,
    draft.clientMsgId,
    draft.body,
    draft.createdAt,
    draft.heldAt,
    draft.supportChatId,
    draft.contentWarning,
  ];
}
