import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Reference data: the Allies, loaded by the Foundation migration. */
@Entity('nation')
export class NationEntity {
  @PrimaryColumn({ type: 'char', length: 3 }) code: string;
  @Column() name: string;
}
