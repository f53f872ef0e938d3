import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SupportGroup } from './group.entity.js';

/**
 * A referral code: joins a closed group without waiting for approval, or an open group straight from
 * a professional's card; made by the group's moderators or an admin, with an expiry and a number of uses.
 */
@Entity({ name: 'group_invite' })
@Index('uq_group_invite_code_hash', ['codeHash'], { unique: true })
export class GroupInvite {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_group_invite' })
  id: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => SupportGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_group_invite_group' })
  group?: SupportGroup;

  /** SHA-256 of the code; the code itself is shown once to whoever made it. */
  @Column({ name: 'code_hash', type: 'varchar', length: 64 })
  codeHash: string;

  @Column({ name: 'uses_left', type: 'integer' })
  usesLeft: number;

  /** How many people it admits in all: its maker sees `max_uses - uses_left`, never who. */
  @Column({ name: 'max_uses', type: 'integer' })
  maxUses: number;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
