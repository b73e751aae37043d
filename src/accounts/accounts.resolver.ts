import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/access';
import { Ctx, GqlContext } from '../common/context';
import { AccountsService } from './accounts.service';
import { RegisterInput } from './dto/account.inputs';
import { AuthPayloadModel, UserModel } from './models/user.model';
import { toUserModel } from './users.service';
import { IsAlliedPassword } from './password';
import { ArgsType, Field } from '@nestjs/graphql';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';

@ArgsType()
class EmailArgs {
  @Field() @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(254) email: string;
}

@ArgsType()
class CodeArgs extends EmailArgs {
  @Field() @IsString() @Length(1, 16, { message: 'code must be the 6-digit code from the message' }) code: string;
}

@ArgsType()
class LoginArgs extends EmailArgs {
  @Field() @IsString() @MaxLength(256) password: string;
}

@ArgsType()
class ResetArgs extends CodeArgs {
  @Field() @IsAlliedPassword() newPassword: string;
}

/** The account flows anyone may start; each is rate limited in the service. */
@Resolver()
export class AccountsResolver {
  constructor(private readonly accounts: AccountsService) {}

  @Mutation(() => UserModel)
  @Allow('ANYONE')
  async register(@Args('input') input: RegisterInput) {
    return { ...toUserModel(await this.accounts.register(input)), revealEmail: true };
  }

  @Mutation(() => Boolean)
  @Allow('ANYONE')
  verifyEmail(@Args() args: CodeArgs, @Ctx() ctx: GqlContext) {
    return this.accounts.verifyEmail(args.email, args.code, ctx.ip);
  }

  @Mutation(() => Boolean)
  @Allow('ANYONE')
  resendVerificationCode(@Args() args: EmailArgs, @Ctx() ctx: GqlContext) {
    return this.accounts.resendVerificationCode(args.email, ctx.ip);
  }

  @Mutation(() => AuthPayloadModel)
  @Allow('ANYONE')
  async login(@Args() args: LoginArgs, @Ctx() ctx: GqlContext) {
    const { user, ...token } = await this.accounts.login(args.email, args.password, ctx.ip);
    // The request is still anonymous, but it has just proven it owns the address.
    return { ...token, user: { ...toUserModel(user), revealEmail: true } };
  }

  @Mutation(() => Boolean)
  @Allow('ANYONE')
  requestPasswordReset(@Args() args: EmailArgs, @Ctx() ctx: GqlContext) {
    return this.accounts.requestPasswordReset(args.email, ctx.ip);
  }

  @Mutation(() => Boolean)
  @Allow('ANYONE')
  resetPassword(@Args() args: ResetArgs, @Ctx() ctx: GqlContext) {
    return this.accounts.resetPassword(args.email, args.code, args.newPassword, ctx.ip);
  }
}
