import { Args, ArgsType, Field, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';
import { Allow } from '../common/access';
import { Caller } from '../common/caller';
import { Ctx, CurrentCaller, GqlContext } from '../common/context';
import { AppConfig } from '../config/config';
import { AccountsService } from './accounts.service';
import { RegisterInput } from './dto/account.inputs';
import { SessionModel } from './models/session.model';
import { AuthPayloadModel, UserModel } from './models/user.model';
import { IsAlliedPassword } from './password';
import { clearRefreshCookie, clientOf, httpOf, readRefreshCookie, writeRefreshCookie } from './refresh-cookie';
import { SessionsService } from './sessions.service';
import { toUserModel } from './users.service';
import { UserEntity } from './user.entity';

@ArgsType()
class EmailArgs {
  @Field({ description: 'The account\'s e-mail address, at most 254 characters.' }) @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(254) email: string;
}

@ArgsType()
class CodeArgs extends EmailArgs {
  @Field({ description: 'The 6-digit code from the latest message: valid 30 minutes, single use.' }) @IsString() @Length(1, 16, { message: 'code must be the 6-digit code from the message' }) code: string;
}

@ArgsType()
class LoginArgs extends EmailArgs {
  @Field({ description: 'The account\'s password, at most 256 characters.' }) @IsString() @MaxLength(256) password: string;
}

@ArgsType()
class ResetArgs extends CodeArgs {
  @Field({ description: 'The new password: at least 12 characters, no spaces, upper and lower case letters, digits and symbols.' }) @IsAlliedPassword() newPassword: string;
}

@ArgsType()
class ChangePasswordArgs {
  @Field({ description: 'The caller\'s current password.' }) @IsString() @MaxLength(256) currentPassword: string;
  @Field({ description: 'The new password: at least 12 characters, no spaces, upper and lower case letters, digits and symbols.' }) @IsAlliedPassword() newPassword: string;
}

/** The answer to login and refreshSession; the refresh token itself travels only in the cookie. */
const authPayload = (token: { accessToken: string; expiresAt: Date; user: UserEntity }) =>
  // The request may be anonymous, but it has just proven it owns the address.
  ({ accessToken: token.accessToken, expiresAt: token.expiresAt, user: { ...toUserModel(token.user), revealEmail: true } });

/** The account flows anyone may start; each is rate limited in the service. */
@Resolver()
export class AccountsResolver {
  constructor(
    private readonly accounts: AccountsService,
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
  ) {}

  @Mutation(() => UserModel, { description: 'Anyone: creates an account and mails a verification code (valid 30 minutes, single use). The password policy applies.' })
  @Allow('ANYONE')
  async register(@Args('input', { description: 'Address, password and display name.' }) input: RegisterInput, @Ctx() ctx: GqlContext) {
    return { ...(await this.accounts.register(input, ctx.ip)), revealEmail: true };
  }

  @Mutation(() => Boolean, { description: 'Anyone: confirms an address with the mailed code; a few wrong tries lock the code.' })
  @Allow('ANYONE')
  verifyEmail(@Args() args: CodeArgs, @Ctx() ctx: GqlContext) {
    return this.accounts.verifyEmail(args.email, args.code, ctx.ip);
  }

  @Mutation(() => Boolean, { description: 'Anyone: mails a new code, replacing the previous one; rate-limited, and never tells whether the address has an account.' })
  @Allow('ANYONE')
  resendVerificationCode(@Args() args: EmailArgs, @Ctx() ctx: GqlContext) {
    return this.accounts.resendVerificationCode(args.email, ctx.ip);
  }

  /** Answers the access token and sets the refresh session's cookie. */
  @Mutation(() => AuthPayloadModel, {
    description: 'Anyone: signs in with address and password; answers a short-lived access token and sets the refresh-session cookie. Rate-limited per address and client.',
  })
  @Allow('ANYONE')
  async login(@Args() args: LoginArgs, @Ctx() ctx: GqlContext) {
    const { res } = httpOf(ctx);
    const signedIn = await this.accounts.login(args.email, args.password, clientOf(ctx));
    writeRefreshCookie(res, this.config, signedIn.refreshToken);
    return authPayload(signedIn);
  }

  @Mutation(() => AuthPayloadModel, {
    description: 'A new access token from the refresh cookie, which is rotated: the old refresh token is used up, and using it again ends the session.',
  })
  @Allow('ANYONE')
  async refreshSession(@Ctx() ctx: GqlContext) {
    const { req, res } = httpOf(ctx);
    const token = readRefreshCookie(req);
    try {
      const refreshed = await this.accounts.refreshSession(token, clientOf(ctx));
      if (refreshed.refreshToken) writeRefreshCookie(res, this.config, refreshed.refreshToken);
      return authPayload(refreshed);
    } catch (err) {
      // The cookie names no live session: the browser may as well forget it.
      clearRefreshCookie(res, this.config);
      throw err;
    }
  }

  @Mutation(() => Boolean, { description: "Ends this session (the access token's, and the cookie's) and clears the cookie." })
  @Allow('ANYONE')
  async signOut(@Ctx() ctx: GqlContext) {
    const { req, res } = httpOf(ctx);
    await this.accounts.signOut(ctx.auth.sessionId, readRefreshCookie(req));
    clearRefreshCookie(res, this.config);
    return true;
  }

  @Mutation(() => Boolean, { description: 'Ends every session of the caller, this one included.' })
  @Allow('SIGNED_IN')
  async signOutEverywhere(@CurrentCaller() caller: Caller, @Ctx() ctx: GqlContext) {
    await this.accounts.signOutEverywhere(caller);
    if (ctx.res) clearRefreshCookie(ctx.res, this.config);
    return true;
  }

  @Mutation(() => Boolean, { description: "Needs the current password; ends the caller's other sessions." })
  @Allow('SIGNED_IN')
  async changePassword(@CurrentCaller() caller: Caller, @Args() args: ChangePasswordArgs, @Ctx() ctx: GqlContext) {
    await this.accounts.changePassword(caller, ctx.auth.sessionId, args.currentPassword, args.newPassword, ctx.ip);
    return true;
  }

  @Query(() => [SessionModel], { description: "The caller's live sessions, the most recently used first." })
  @Allow('SIGNED_IN')
  async mySessions(@CurrentCaller() caller: Caller, @Ctx() ctx: GqlContext): Promise<SessionModel[]> {
    return (await this.sessions.list(caller)).map((s) => ({ ...s, current: s.id === ctx.auth.sessionId }));
  }

  @Mutation(() => Boolean, { description: "Ends one of the caller's sessions." })
  @Allow('SIGNED_IN')
  async revokeSession(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID, description: 'One of the caller\'s sessions (sessions gives the ids).' }) id: string, @Ctx() ctx: GqlContext) {
    await this.sessions.revoke(caller, id);
    if (id === ctx.auth.sessionId && ctx.res) clearRefreshCookie(ctx.res, this.config);
    return true;
  }

  @Mutation(() => Boolean, { description: 'Anyone: mails a reset code if the address has an account; the answer is the same either way.' })
  @Allow('ANYONE')
  requestPasswordReset(@Args() args: EmailArgs, @Ctx() ctx: GqlContext) {
    return this.accounts.requestPasswordReset(args.email, ctx.ip);
  }

  @Mutation(() => Boolean, { description: "Anyone with the mailed code: sets a new password (the policy applies) and ends the account's sessions." })
  @Allow('ANYONE')
  resetPassword(@Args() args: ResetArgs, @Ctx() ctx: GqlContext) {
    return this.accounts.resetPassword(args.email, args.code, args.newPassword, ctx.ip);
  }
}
