import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { GroupCategory } from '../contracts/group-info.js';
import type { GroupAudience, GroupLocale } from '../contracts/groups.js';

/**
 * A self-help group that meets in person, from an admin's CSV import: an organisation's public
 * listing (name, topic, region, rhythm, public contact), never anything about a member.
 */
@Entity({ name: 'offline_group' })
// The import's stable key: a re-import updates the row with the same folded name and region.
@Index('uq_offline_group_key', ['importKey'], { unique: true })
export class OfflineGroup {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_offline_group' })
  id: string;

  /** `foldText(name) | foldText(region)` (see offline-csv.ts): what a re-import matches rows by. */
  @Column({ name: 'import_key', type: 'varchar', length: 240 })
  importKey: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'varchar', length: 200 })
  topic: string;

  @Column({ type: 'varchar', length: 16 })
  category: GroupCategory;

  /** The municipality or region where it meets ("Gent", "Regio Antwerpen"). */
  @Column({ type: 'varchar', length: 80 })
  region: string;

  @Column({ type: 'varchar', length: 120 })
  rhythm: string;

  /** The organisation's public contact (a phone number, a website or an address of the organisation). */
  @Column({ type: 'varchar', length: 200 })
  contact: string;

  @Column({ type: 'varchar', length: 16, default: 'peers' })
  audience: GroupAudience;

  @Column({ type: 'varchar', length: 2, default: 'nl' })
  locale: GroupLocale;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
