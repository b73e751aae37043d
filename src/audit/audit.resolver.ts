import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/access';
import { Caller, Role } from '../common/caller';
import { CurrentCaller } from '../common/context';
import { AuditService } from './audit.service';
import { AuditEventConnection, AuditEventModel } from './models/audit-event.model';
import { CONNECTION_AFTER, CONNECTION_FIRST } from '../common/pagination';

@Resolver(() => AuditEventModel)
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => AuditEventConnection, { description: 'Newest first. Every filter given must match.' })
  @Allow(Role.SECRETARIAT, Role.ADMIN)
  auditEvents(
    @CurrentCaller() caller: Caller,
    @Args('entityId', { type: () => ID, nullable: true, description: 'Only events about this entity.' }) entityId?: string,
    @Args('first', CONNECTION_FIRST) first?: number,
    @Args('after', CONNECTION_AFTER) after?: string,
    @Args('actorId', { type: () => ID, nullable: true, description: 'The user who acted.' }) actorId?: string,
    @Args('action', { nullable: true, description: 'An action ("ballot.opened") or a family of them ("ballot").' }) action?: string,
    @Args('entityType', { nullable: true, description: 'e.g. "Ballot", "Comment", "User".' }) entityType?: string,
    @Args('since', { type: () => Date, nullable: true, description: 'Events at or after this moment.' }) since?: Date,
    @Args('until', { type: () => Date, nullable: true, description: 'Events before this moment.' }) until?: Date,
  ) {
    return this.audit.list(caller, { entityId, first, after, actorId, action, entityType, since, until });
  }
}
