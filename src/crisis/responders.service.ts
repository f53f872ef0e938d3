import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../chat/clock.js';
import type { AppConfig } from '../config/app-config.js';
import type {
  AppointResponderRequest,
  CrisisResponderView,
  DutyView,
  RotaRequest,
  RotaSlot,
} from '../contracts/crisis.js';
import { DEFAULT_ROTA_TIMEZONE } from '../contracts/crisis.js';
import { DomainEvents } from '../events/domain-events.js';
import { SupportGroup } from '../groups/group.entity.js';
import { groupNotFound } from '../groups/groups.errors.js';
import { MembershipService } from '../groups/membership.service.js';
import { returnedRows } from '../moderation/cases.service.js';
import { adminsOnly, alreadyHandled, itemNotFound } from '../moderation/moderation.errors.js';
import { announceSupportClosed, closeSupportChats } from '../support-chats/support-chat-closing.js';
import { activeModeratorSql } from './active-volunteer.js';
import { CrisisAuditLog } from './crisis-audit.service.js';
import { CrisisDuty } from './crisis-duty.entity.js';
import { CrisisResponder } from './crisis-responder.entity.js';
import { CrisisRotaSlot } from './crisis-rota-slot.entity.js';
import { dutyNotForYou, respondersOnly, responderNotFound } from './crisis.errors.js';
import { isOnDuty, rotaRangeEnd } from './rota.js';
import { serverText } from '../contracts/server-texts.js';

/** Who may use the desk: an active responder, or an admin (who may look, not claim). */
export interface DeskUser {
  responder: CrisisResponder | null;
  admin: boolean;
}

/**
 * Crisis responders (appointed and revoked by admins, audited), their duty and weekly rota, and
 * group moderators' duty. The one place that says who is on duty now.
 */
@Injectable()
export class RespondersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipService,
    private readonly audit: CrisisAuditLog,
    private readonly clock: Clock,
    private readonly events: DomainEvents,
    config: ConfigService<AppConfig, true>,
  ) {
    this.manualDutyMs = config.get('crisis.manualDutyMs', { infer: true });
  }

  /** How long marking oneself on duty lasts (`CRISIS_DUTY_HOURS`). */
  private readonly manualDutyMs: number;

  /** The actor's responder row when they are an active responder. */
  async findActive(
    accountId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CrisisResponder | null> {
    return manager.findOneBy(CrisisResponder, { accountId, revokedAt: IsNull() });
  }

  /** The desk's door: an active responder or an admin; `forbidden` for anyone else. */
  async requireDeskUser(actor: Actor): Promise<DeskUser> {
    const responder = await this.findActive(actor.accountId);
    if (!responder && actor.role !== 'admin') {
      throw respondersOnly();
    }
    return { responder, admin: actor.role === 'admin' };
  }

  /** An active responder; `forbidden` for anyone else (admins included: they appoint themselves first). */
  async requireResponder(actor: Actor): Promise<CrisisResponder> {
    const responder = await this.findActive(actor.accountId);
    if (!responder) {
      throw respondersOnly();
    }
    return responder;
  }

  /**
   * Admins: the account behind a member of a group becomes a crisis responder under `name`. The
   * admin never sees the account; the appointment is written to the crisis audit log with its reason.
   */
  async appoint(actor: Actor, request: AppointResponderRequest): Promise<CrisisResponderView> {
    if (actor.role !== 'admin') {
      throw adminsOnly();
    }
    const responder = await this.dataSource.transaction(async (manager) => {
      const group = await manager.findOneBy(SupportGroup, { slug: request.group });
      if (!group) {
        throw groupNotFound();
      }
      const member = await this.memberships.findMemberInGroup(group.id, request.memberId, manager);
      if (member.status !== 'active') {
        throw itemNotFound();
      }
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`crisis-responder:${member.accountId}`]);
      const existing = await manager.findOneBy(CrisisResponder, { accountId: member.accountId });
      if (existing && !existing.revokedAt) {
        throw alreadyHandled('This member is a crisis responder already; it', serverText('error.handled.isResponder'));
      }
      const now = this.clock.now();
      const saved = existing
        ? await manager.save(Object.assign(existing, { name: request.name, appointedAt: now, revokedAt: null }))
        : await manager.save(
            manager.create(CrisisResponder, {
              accountId: member.accountId,
              name: request.name,
              timezone: DEFAULT_ROTA_TIMEZONE,
              appointedAt: now,
              revokedAt: null,
            }),
          );
      await this.audit.write(manager, {
        action: 'responder-appointed',
        actor: { adminAccountId: actor.accountId },
        targetResponderId: saved.id,
        reason: request.reason,
      });
      return saved;
    });
    return (await this.views([responder]))[0];
  }

  /** Admins: a responder is one no longer (audited); their duty ends with it. */
  async revoke(actor: Actor, responderId: string, reason: string): Promise<void> {
    if (actor.role !== 'admin') {
      throw adminsOnly();
    }
    const closed = await this.dataSource.transaction(async (manager) => {
      const responder = await manager.findOne(CrisisResponder, {
        where: { id: responderId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!responder) {
        throw responderNotFound();
      }
      if (responder.revokedAt) {
        throw alreadyHandled('This responder was revoked already; it', serverText('error.handled.responderRevoked'));
      }
      await manager.update(CrisisResponder, { id: responder.id }, { revokedAt: this.clock.now() });
      await releaseClaimsOf(manager, responder.accountId, this.audit, 'crisisAudit.autoReleased.responderRevoked');
      await manager.delete(CrisisDuty, { accountId: responder.accountId });
      await this.audit.write(manager, {
        action: 'responder-revoked',
        actor: { adminAccountId: actor.accountId },
        targetResponderId: responder.id,
        reason,
      });
      // Nobody answers their support conversations any more: closed with the revocation.
      return closeSupportChats(manager, { volunteerAccountId: responder.accountId, badge: 'crisis_responder' });
    });
    await announceSupportClosed(this.events, closed);
  }

  /** Admins: every active responder, with duty and rota (never their accounts). */
  async list(actor: Actor): Promise<CrisisResponderView[]> {
    if (actor.role !== 'admin') {
      throw adminsOnly();
    }
    const responders = await this.dataSource
      .getRepository(CrisisResponder)
      .find({ where: { revokedAt: IsNull() }, order: { appointedAt: 'ASC' } });
    return this.views(responders);
  }

  /** The actor's own duty; `forbidden` unless they are a responder or moderate a group. */
  async duty(actor: Actor): Promise<DutyView> {
    const responder = await this.mayGoOnDuty(actor);
    const duty = await this.dataSource.getRepository(CrisisDuty).findOneBy({ accountId: actor.accountId });
    const rota = responder ? await this.rotaOf(responder.id) : [];
    const timezone = responder?.timezone ?? DEFAULT_ROTA_TIMEZONE;
    return {
      onDuty: isOnDuty(duty, rota, timezone, this.clock.now(), this.manualDutyMs),
      responder: responder !== null,
      timezone,
      rota,
    };
  }

  /**
   * Marks the actor on or off duty. Off duty during a rota range lasts until that range ends, so
   * the rota does not put them back on meanwhile.
   */
  async setDuty(actor: Actor, onDuty: boolean): Promise<DutyView> {
    const responder = await this.mayGoOnDuty(actor);
    const now = this.clock.now();
    const rota = responder ? await this.rotaOf(responder.id) : [];
    const values = onDuty
      ? { onDutySince: now, offDutyUntil: null }
      : { onDutySince: null, offDutyUntil: rotaRangeEnd(rota, responder?.timezone ?? DEFAULT_ROTA_TIMEZONE, now) };
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(CrisisDuty)
      .values({ accountId: actor.accountId, ...values })
      .orUpdate(['on_duty_since', 'off_duty_until', 'updated_at'], ['account_id'])
      .execute();
    return this.duty(actor);
  }

  /** Responders: replaces their weekly rota and its timezone. */
  async setRota(actor: Actor, request: RotaRequest): Promise<DutyView> {
    const responder = await this.requireResponder(actor);
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(CrisisRotaSlot, { responderId: responder.id });
      if (request.slots.length > 0) {
        await manager.insert(
          CrisisRotaSlot,
          request.slots.map((slot) => ({
            responderId: responder.id,
            weekday: slot.weekday,
            fromHour: slot.from,
            toHour: slot.to,
          })),
        );
      }
      await manager.update(CrisisResponder, { id: responder.id }, { timezone: request.timezone });
    });
    return this.duty(actor);
  }

  /** Every active responder with their rota (few rows: the desk and coverage read them whole). */
  async activeWithRota(): Promise<{ responder: CrisisResponder; rota: RotaSlot[]; duty: CrisisDuty | null }[]> {
    const responders = await this.dataSource.getRepository(CrisisResponder).findBy({ revokedAt: IsNull() });
    if (responders.length === 0) {
      return [];
    }
    const slots = await this.dataSource
      .getRepository(CrisisRotaSlot)
      .createQueryBuilder('s')
      .where('s.responder_id IN (:...ids)', { ids: responders.map((r) => r.id) })
      .getMany();
    const duties = await this.dataSource
      .getRepository(CrisisDuty)
      .createQueryBuilder('d')
      .where('d.account_id IN (:...ids)', { ids: responders.map((r) => r.accountId) })
      .getMany();
    return responders.map((responder) => ({
      responder,
      rota: slots.filter((slot) => slot.responderId === responder.id).map(toSlot),
      duty: duties.find((duty) => duty.accountId === responder.accountId) ?? null,
    }));
  }

  /**
   * The responders on duty at `at`: marked on duty (less than `CRISIS_DUTY_HOURS` ago), or on
   * their rota and not marked off; never a banned account.
   */
  async onDutyResponders(at: Date = this.clock.now()): Promise<CrisisResponder[]> {
    const banned = new Set(
      (
        await this.dataSource.query<{ id: string }[]>(
          `SELECT a.id FROM account a JOIN crisis_responder r ON r.account_id = a.id
            WHERE r.revoked_at IS NULL AND a.banned_at IS NOT NULL`,
        )
      ).map((row) => row.id),
    );
    return (await this.activeWithRota())
      .filter(
        ({ responder, rota, duty }) =>
          !banned.has(responder.accountId) && isOnDuty(duty, rota, responder.timezone, at, this.manualDutyMs),
      )
      .map(({ responder }) => responder);
  }

  /** The group's active moderators who marked themselves on duty less than `CRISIS_DUTY_HOURS` ago (account ids). */
  async onDutyModerators(groupId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ accountId: string }[]>(
      `SELECT m.account_id AS "accountId" FROM membership m JOIN crisis_duty d ON d.account_id = m.account_id
        WHERE m.group_id = $1 AND ${activeModeratorSql('m')} AND d.on_duty_since > $2`,
      [groupId, new Date(this.clock.now().getTime() - this.manualDutyMs)],
    );
    return rows.map((row) => row.accountId);
  }

  private async mayGoOnDuty(actor: Actor): Promise<CrisisResponder | null> {
    const responder = await this.findActive(actor.accountId);
    if (responder) {
      return responder;
    }
    const [moderates] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM membership m WHERE m.account_id = $1 AND ${activeModeratorSql('m')}`,
      [actor.accountId],
    );
    if (moderates.n === 0) {
      throw dutyNotForYou();
    }
    return null;
  }

  private async rotaOf(responderId: string): Promise<RotaSlot[]> {
    const slots = await this.dataSource
      .getRepository(CrisisRotaSlot)
      .find({ where: { responderId }, order: { weekday: 'ASC', fromHour: 'ASC' } });
    return slots.map(toSlot);
  }

  private async views(responders: CrisisResponder[]): Promise<CrisisResponderView[]> {
    const all = await this.activeWithRota();
    const now = this.clock.now();
    return responders.map((responder) => {
      const found = all.find((entry) => entry.responder.id === responder.id);
      return {
        id: responder.id,
        name: responder.name,
        onDuty: found ? isOnDuty(found.duty, found.rota, responder.timezone, now, this.manualDutyMs) : false,
        timezone: responder.timezone,
        rota: found?.rota ?? [],
        appointedAt: responder.appointedAt.toISOString(),
      };
    });
  }
}

function toSlot(slot: CrisisRotaSlot): RotaSlot {
  return { weekday: slot.weekday, from: slot.fromHour, to: slot.toHour };
}

/**
 * Open crisis cases claimed by the account's responder go back to the desk (revoked or deleted
 * responders hold nothing); the next escalation round tells their members what is true then.
 * Each release goes to the crisis audit log as a manual one does: whose claim it was, and `why`.
 */
export async function releaseClaimsOf(
  manager: EntityManager,
  accountId: string,
  audit: CrisisAuditLog,
  why: 'crisisAudit.autoReleased.responderRevoked' | 'crisisAudit.autoReleased.responderDeleted',
): Promise<void> {
  const released = returnedRows<{ caseId: string; groupId: string; responderId: string }>(
    await manager.query(
      `UPDATE moderation_case c SET claimed_by_responder_id = NULL, updated_at = now()
         FROM crisis_responder r
        WHERE c.resolved_at IS NULL AND r.account_id = $1 AND c.claimed_by_responder_id = r.id
      RETURNING c.id AS "caseId", c.group_id AS "groupId", r.id AS "responderId"`,
      [accountId],
    ),
  );
  for (const { caseId, groupId, responderId } of released) {
    await audit.write(manager, {
      action: 'case-released',
      actor: { responderId },
      caseId,
      groupId,
      reason: '',
      reasonText: serverText(why),
    });
  }
}
