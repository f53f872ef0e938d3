import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Account } from '../accounts/account.entity.js';

/**
 * Who marked themselves on duty (a responder, or a group moderator for their groups). A responder
 * is also on duty during their rota, unless they marked themselves off for the rest of that range
 * (`offDutyUntil`).
 */
@Entity({ name: 'crisis_duty' })
export class CrisisDuty {
  @PrimaryColumn({ name: 'account_id', type: 'uuid', primaryKeyConstraintName: 'pk_crisis_duty' })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_crisis_duty_account' })
  account?: Account;

  @Column({ name: 'on_duty_since', type: 'timestamptz', nullable: true })
  onDutySince: Date | null;

  @Column({ name: 'off_duty_until', type: 'timestamptz', nullable: true })
  offDutyUntil: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
