import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SupportGroup } from './group.entity.js';

/** A code that lets someone join a closed group without waiting for approval (e.g. from a professional). */
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

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
