import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CrisisResponder } from './crisis-responder.entity.js';

/** One weekly range a responder plans to be on duty: ISO weekday, hours [from, to) in the responder's timezone. */
@Entity({ name: 'crisis_rota_slot' })
@Index('ix_crisis_rota_slot_responder', ['responderId'])
export class CrisisRotaSlot {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_crisis_rota_slot' })
  id: string;

  @Column({ name: 'responder_id', type: 'uuid' })
  responderId: string;

  @ManyToOne(() => CrisisResponder, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'responder_id', foreignKeyConstraintName: 'fk_crisis_rota_slot_responder' })
  responder?: CrisisResponder;

  @Column({ type: 'smallint' })
  weekday: number;

  @Column({ name: 'from_hour', type: 'smallint' })
  fromHour: number;

  @Column({ name: 'to_hour', type: 'smallint' })
  toHour: number;
}
