import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SupportGroup } from '../groups/group.entity.js';
import { Membership } from '../groups/membership.entity.js';

/**
 * A member who volunteered as host (gastvrouw, gastheer) of their group: they answer newcomers'
 * questions. One row per membership, deleted (and audited) when they step down, a moderator removes
 * them as host, or the membership ends (left, removed, suspended: a step-down), so a member who
 * rejoins under the same alias is no host until they volunteer again.
 */
@Entity({ name: 'group_host' })
@Index('ix_group_host_group', ['groupId'])
export class GroupHost {
  @PrimaryColumn({ name: 'membership_id', type: 'uuid', primaryKeyConstraintName: 'pk_group_host' })
  membershipId: string;

  @ManyToOne(() => Membership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'membership_id', foreignKeyConstraintName: 'fk_group_host_membership' })
  membership?: Membership;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => SupportGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_group_host_group' })
  group?: SupportGroup;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
