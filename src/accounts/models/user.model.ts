import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Role } from '../../common/caller';
import { Connection } from '../../common/pagination';

@ObjectType('User', { description: 'A person with an account. The e-mail address is seen by that person, ADMIN and SECRETARIAT only.' })
export class UserModel {
  @Field(() => ID) id: string;
  /** Resolved by UsersResolver.email: empty unless the caller may see it. */
  email: string;
  @Field() displayName: string;
  @Field(() => [Role]) roles: Role[];
  nationCode: string | null;
  organizationId: string | null;
  @Field() emailVerified: boolean;
  /** Resolved by UsersResolver.deactivatedAt: shown to those who may see the address. */
  deactivatedAt: Date | null;
  /** Set on the answer to register: the person who typed the address may read it back. */
  revealEmail?: boolean;
}

@ObjectType('AuthPayload', { description: 'A signed-in session: the short-lived access token (the refresh token travels only in the httpOnly cookie).' })
export class AuthPayloadModel {
  @Field() accessToken: string;
  @Field() expiresAt: Date;
  @Field(() => UserModel) user: UserModel;
}

@ObjectType('UserConnection')
export class UserConnection extends Connection(UserModel, 'User') {}
