import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import type { CrisisAuditEntry } from '../contracts/crisis.js';
import { isServerTextCode, type ServerText } from '../contracts/server-texts.js';
import { adminsOnly } from '../moderation/moderation.errors.js';
import { type CrisisAuditAction, CrisisAudit } from './crisis-audit.entity.js';

export interface CrisisAuditRecord {
  action: CrisisAuditAction;
  /**
   * An admin by their account id (this log is admins' own), a responder by their responder id; a
   * group's moderator only as such (a claim of theirs released automatically: the group's own
   * audit log names the moderator by alias, and this log links no account to an alias); the
   * command line on the server (`admin:grant`, run by whoever operates the machine).
   */
  actor:
    | { adminAccountId: string }
    | { responderId: string }
    | { groupModerator: true }
    | { caseMember: true }
    | { commandLine: true };
  targetResponderId?: string | null;
  caseId?: string | null;
  groupId?: string | null;
  /** The actor's own words, as written; '' when `reasonText` says it all. */
  reason: string;
  /** What the system says of the entry, for the client to word in the reader's language. */
  reasonText?: ServerText;
}

/** The crisis desk's site-wide audit log: one door for every entry (actor, target, reason). */
@Injectable()
export class CrisisAuditLog {
  constructor(private readonly dataSource: DataSource) {}

  /** Writes one entry in the caller's transaction. */
  async write(manager: EntityManager, record: CrisisAuditRecord): Promise<void> {
    await manager.insert(CrisisAudit, {
      action: record.action,
      actorKind: actorKind(record.actor),
      actorResponderId: 'responderId' in record.actor ? record.actor.responderId : null,
      actorAccountId: 'adminAccountId' in record.actor ? record.actor.adminAccountId : null,
      targetResponderId: record.targetResponderId ?? null,
      caseId: record.caseId ?? null,
      groupId: record.groupId ?? null,
      reason: record.reason,
      reasonCode: record.reasonText?.code ?? null,
      reasonParams: record.reasonText?.params ?? null,
    });
  }

  /** Admins: the newest 500 entries, responders named by the name an admin gave them. */
  async list(actor: Actor): Promise<CrisisAuditEntry[]> {
    if (actor.role !== 'admin') {
      throw adminsOnly();
    }
    const rows = await this.dataSource.query<
      {
        id: string;
        action: string;
        actorKind: CrisisAudit['actorKind'];
        actorName: string | null;
        actorAccountId: string | null;
        targetName: string | null;
        caseId: string | null;
        slug: string | null;
        reason: string;
        reasonCode: string | null;
        reasonParams: Record<string, string | number> | null;
        createdAt: Date;
      }[]
    >(
      `SELECT a.id, a.action, a.actor_kind AS "actorKind", ar.name AS "actorName",
              a.actor_account_id AS "actorAccountId", tr.name AS "targetName",
              a.case_id AS "caseId", g.slug, a.reason,
              a.reason_code AS "reasonCode", a.reason_params AS "reasonParams", a.created_at AS "createdAt"
         FROM crisis_audit a
         LEFT JOIN crisis_responder ar ON ar.id = a.actor_responder_id
         LEFT JOIN crisis_responder tr ON tr.id = a.target_responder_id
         LEFT JOIN support_group g ON g.id = a.group_id
        ORDER BY a.created_at DESC LIMIT 500`,
    );
    return rows.map((row) => ({
      id: row.id,
      action: row.action,
      actor:
        row.actorKind === 'responder'
          ? { responder: row.actorName ?? '?' }
          : row.actorKind === 'moderator'
            ? { moderator: "the group's moderator" }
            : row.actorKind === 'member'
              ? { member: "the case's member" }
              : row.actorKind === 'server'
                ? { server: 'command line on the server' }
                : { admin: true as const, adminId: row.actorAccountId },
      target: row.targetName
        ? { responder: row.targetName }
        : row.caseId
          ? { caseId: row.caseId, group: row.slug ?? '?' }
          : null,
      reason: row.reason,
      reasonText: isServerTextCode(row.reasonCode)
        ? { code: row.reasonCode, ...(row.reasonParams ? { params: row.reasonParams } : {}) }
        : null,
      createdAt: new Date(row.createdAt).toISOString(),
    }));
  }
}

function actorKind(actor: CrisisAuditRecord['actor']): CrisisAudit['actorKind'] {
  if ('responderId' in actor) {
    return 'responder';
  }
  if ('groupModerator' in actor) {
    return 'moderator';
  }
  if ('commandLine' in actor) {
    return 'server';
  }
  return 'caseMember' in actor ? 'member' : 'admin';
}
