import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/access';
import { Caller, Role } from '../common/caller';
import { CurrentCaller } from '../common/context';
import { AuditService } from './audit.service';
import { AuditEventConnection, AuditEventModel } from './models/audit-event.model';

@Resolver(() => AuditEventModel)
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => AuditEventConnection)
  @Allow(Role.SECRETARIAT, Role.ADMIN)
  auditEvents(
    @CurrentCaller() caller: Caller,
    @Args('entityId', { type: () => ID, nullable: true }) entityId?: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ) {
    return this.audit.list(caller, { entityId, first, after });
  }
}
