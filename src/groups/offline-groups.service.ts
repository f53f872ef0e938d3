import { Injectable } from '@nestjs/common';
import { DataSource, In, Not } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { DomainError } from '../common/domain-error.js';
import { CrisisAuditLog } from '../crisis/crisis-audit.service.js';
import type { DirectoryQuery } from '../contracts/group-info.js';
import type { OfflineGroupEntry, OfflineImportRequest, OfflineImportResult } from '../contracts/offline-groups.js';
import { matchesWords, placeWords, queryWords } from './directory.js';
import { readOfflineCsv } from './offline-csv.js';
import { OfflineGroup } from './offline-group.entity.js';
import { serverText } from '../contracts/server-texts.js';

/** Rows per INSERT statement of an import. */
const BATCH = 200;

/**
 * Groups that meet in person: an admin imports an organisation's CSV list, the directory shows
 * them beside the online groups (same search and filters, and searchable by region).
 */
@Injectable()
export class OfflineGroupsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: CrisisAuditLog,
  ) {}

  /**
   * Imports a CSV: every row is checked first, and any problem refuses the whole file with
   * `validation_failed` (each problem naming its row and column), so nothing is imported half-way.
   * Otherwise, in one transaction, a row updates the offline group with the same stable key (its
   * folded name and region, `offlineKey`) or adds one; with `replaceAll`, groups the CSV no longer
   * names are removed.
   */
  async import(actor: Actor, request: OfflineImportRequest): Promise<OfflineImportResult> {
    const read = readOfflineCsv(request.csv);
    if (read.problems.length) {
      const [first] = read.problems;
      const more = read.problems.length > 1 ? ` (${read.problems.length} problems in all)` : '';
      throw new DomainError(
        'validation_failed',
        `${first.field}: ${first.message}${more} Nothing was imported.`,
        read.problems,
      );
    }
    return this.dataSource.transaction(async (manager) => {
      // One import at a time, so two admins' files cannot interleave.
      await manager.query('LOCK TABLE offline_group IN SHARE ROW EXCLUSIVE MODE');
      const keys = read.rows.map((row) => row.key);
      const existing = await manager.count(OfflineGroup, { where: { importKey: In(keys) } });
      const now = new Date();
      for (let start = 0; start < read.rows.length; start += BATCH) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(OfflineGroup)
          .values(
            read.rows
              .slice(start, start + BATCH)
              .map(({ key, ...row }) => ({ ...row, importKey: key, updatedAt: now })),
          )
          .orUpdate(
            ['name', 'topic', 'category', 'region', 'rhythm', 'contact', 'audience', 'locale', 'updated_at'],
            ['import_key'],
          )
          .execute();
      }
      let removed = 0;
      if (request.replaceAll) {
        removed = (await manager.delete(OfflineGroup, { importKey: Not(In(keys)) })).affected ?? 0;
      }
      const result = {
        created: read.rows.length - existing,
        updated: existing,
        removed,
        total: await manager.count(OfflineGroup),
      };
      // An admin's change to what every visitor reads: in the site-wide audit log, counts only.
      await this.audit.write(manager, {
        action: 'offline-groups-imported',
        actor: { adminAccountId: actor.accountId },
        reason: '',
        reasonText: serverText('crisisAudit.offlineImported', {
          created: result.created,
          updated: result.updated,
          removed: result.removed,
        }),
      });
      return result;
    });
  }

  /**
   * The offline groups the directory query asks for: the same words, matched as the online groups'
   * (`matchesWords`: a place from a word's start — any municipality the list names, too — other
   * words inside compounds too) in the name, topic and region, and the same filters.
   */
  async directory(query: DirectoryQuery): Promise<OfflineGroupEntry[]> {
    const words = queryWords(query.q);
    const rows = await this.dataSource.getRepository(OfflineGroup).find({ order: { region: 'ASC', name: 'ASC' } });
    const places = placeWords(rows.map((row) => row.region));
    return rows
      .filter(
        (row) =>
          (!query.category || row.category === query.category) &&
          (!query.audience || row.audience === query.audience) &&
          (!query.language || row.locale === query.language) &&
          matchesWords(words, `${row.name} ${row.topic} ${row.region}`, places),
      )
      .map((row) => ({
        id: row.id,
        name: row.name,
        topic: row.topic,
        category: row.category,
        region: row.region,
        rhythm: row.rhythm,
        contact: row.contact,
        audience: row.audience,
        locale: row.locale,
      }));
  }
}
