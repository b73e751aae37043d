import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../common/pagination';

@ObjectType('AuditEvent', { description: 'One entry of the append-only, hash-chained audit log: who did what to which entity, when.' })
export class AuditEventModel {
  @Field(() => ID, { description: 'The event\'s id.' }) id: string;
  @Field({ description: 'When it happened, by the database clock.' }) at: Date;
  /** Resolved by the accounts module, which knows users. */
  actorId: string | null;
  @Field({ description: 'What was done, as entity.verb, e.g. "ballot.opened", "comment.resolved".' }) action: string;
  @Field({ description: 'The kind of entity acted on, e.g. "Ballot", "Comment", "User".' }) entityType: string;
  @Field(() => ID, { description: 'The id of the entity acted on.' }) entityId: string;
  @Field({ description: 'Short, human-readable account of the change.' }) detail: string;
}

@ObjectType('AuditEventConnection', { description: 'A page of the audit log, newest first (Relay connection).' })
export class AuditEventConnection extends Connection(AuditEventModel, 'AuditEvent') {}
