import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../common/pagination';

@ObjectType('AuditEvent', { description: 'One entry of the append-only, hash-chained audit log: who did what to which entity, when.' })
export class AuditEventModel {
  @Field(() => ID) id: string;
  @Field() at: Date;
  /** Resolved by the accounts module, which knows users. */
  actorId: string | null;
  @Field() action: string;
  @Field() entityType: string;
  @Field(() => ID) entityId: string;
  @Field({ description: 'Short, human-readable account of the change.' }) detail: string;
}

@ObjectType('AuditEventConnection')
export class AuditEventConnection extends Connection(AuditEventModel, 'AuditEvent') {}
