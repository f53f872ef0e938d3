import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { DomainError } from '../common/domain-error.js';
import { EXPORTS_PER_HOUR, type MyDataExport } from '../contracts/exports.js';
import { RateLimiter } from '../rate-limit/rate-limiter.js';
import { iso, readOwnData, type Row } from './export-queries.js';

/*
 * What goes into a member's export, table by table (docs/data-inventory.md lists every table):
 *
 * - account: login name, role, created date. Never the id, the password hash, the token version,
 *   the ban mark (a banned account cannot log in to ask), recovery codes, sessions or refresh tokens.
 * - membership (every status: the member knows each of their aliases), buddy_offer, buddy_block,
 *   member_mute, chat_session_signup, forum_read_marker, support_chat: the member's own rows,
 *   under the group and alias; no membership id (it is what others see: one id per group, and a
 *   file listing several would be the only thing tying them together).
 * - forum_thread, forum_post, forum_revision, chat_message, report.note, appeal.text,
 *   moderator_application.motivation, rule_proposal: the member's own words. group_proposal: the
 *   account's own (a proposal comes before any group). A reply names its thread by id only
 *   (the title is the starter's words); a chat message names its room's kind (and a session's
 *   title, the room's name as every participant sees it), never the other side of a buddy chat.
 * - forum_reaction: the kind and the item's ids, not the item.
 * - notification_setting (every kind, on or off: the account's settings) and push_subscription
 *   (language and date; the device's push address and keys are its secrets). Not notification:
 *   Kring's own messages to the member, gone 30 days after reading.
 * - content_preference: whether warned text folds, and the member's hidden words (their own words).
 * - Another member's alias appears only where Kring shows it to the member now: the other side of
 *   an open buddy pair, and the mute list of a group the member is an active member of.
 * - Left out, as someone else's words about the member: notice.message, the decision reasons of
 *   appeals and proposals, moderation_action.reason, moderation_case (reports by others about them
 *   must not name the reporters), forum hidden reasons. Left out as the group's records rather than the member's:
 *   what the member wrote or did as a moderator or crisis responder (audit log, case resolutions,
 *   watched words, messages in a support conversation they answered as a volunteer, duty and
 *   rota), and the site-wide crisis records.
 * - Suspended, removed and former members get all of it: it is theirs, and none of it is the
 *   group's content beyond their own words. A member who left with erase has their words purged
 *   already; a deleted account has no token to ask with.
 */

const HOUR_MS = 60 * 60 * 1000;

@Injectable()
export class ExportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly limiter: RateLimiter,
  ) {}

  /**
   * Everything the acting account wrote or set, for its holder only (see the table above). Counts
   * against `EXPORTS_PER_HOUR` per account, JSON and page together; over it fails with
   * `rate_limited` and the wait. A deleted account fails with `unauthorized`.
   */
  async exportFor(actor: Actor): Promise<MyDataExport> {
    await this.limiter.consume(
      'export',
      actor.accountId,
      { limit: EXPORTS_PER_HOUR, windowMs: HOUR_MS },
      `You can download your data ${EXPORTS_PER_HOUR} times an hour. Try again later.`,
    );
    // One snapshot: an edit or a purge between two of the reads cannot make the file disagree with itself.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const query = (sql: string) => manager.query<Row[]>(sql, [actor.accountId]);
      const [account] = await query(`SELECT login_name, role, created_at FROM account WHERE id = $1`);
      if (!account) {
        throw new DomainError('unauthorized', 'You need to log in.');
      }
      return {
        format: 'kring-export',
        version: 1,
        exportedAt: new Date().toISOString(),
        account: {
          loginName: String(account.login_name),
          role: account.role === 'admin' ? 'admin' : 'member',
          createdAt: iso(account.created_at),
        },
        ...(await readOwnData(query)),
      };
    });
  }
}
