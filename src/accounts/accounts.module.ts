import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { AccountsResolver } from './accounts.resolver';
import { AccountsService } from './accounts.service';
import { AuthMiddleware, AuthService } from './auth.middleware';
import { CallerCache } from './caller-cache';
import { InvitationsResolver } from './invitations.resolver';
import { InvitationsService } from './invitations.service';
import { JoinRequestsResolver } from './join-requests.resolver';
import { JoinRequestsService } from './join-requests.service';
import { MailService } from './mail.service';
import { OrganizationsResolver } from './organizations.resolver';
import { OrganizationsService } from './organizations.service';
import { OrganizationAccessTokensResolver, PersonalAccessTokensResolver } from './personal-access-tokens.resolver';
import { PersonalAccessTokensService } from './personal-access-tokens.service';
import { PruneWorker } from './prune.worker';
import { SessionsService } from './sessions.service';
import { TokensService } from './tokens.service';
import { AuditActorResolver, UsersResolver } from './users.resolver';
import { UsersService } from './users.service';

@Module({
  providers: [
    AccountsService, AuthService, CallerCache, MailService, SessionsService, TokensService, UsersService, OrganizationsService,
    AccountsResolver, UsersResolver, OrganizationsResolver, AuditActorResolver,
    PersonalAccessTokensService, PersonalAccessTokensResolver, OrganizationAccessTokensResolver,
    JoinRequestsService, JoinRequestsResolver, InvitationsService, InvitationsResolver, PruneWorker,
  ],
  exports: [AuthService, SessionsService, UsersService, OrganizationsService, MailService, TokensService],
})
export class AccountsModule implements NestModule {
  configure(consumer: MiddlewareConsumer) {
    // '{*path}' (unlike '*path') also matches the bare root, where the public pages start.
    consumer.apply(AuthMiddleware).forRoutes('{*path}');
  }
}
