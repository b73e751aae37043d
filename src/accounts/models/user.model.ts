import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Role } from '../../common/caller';
import { Connection } from '../../common/pagination';

@ObjectType('User', { description: 'A person with an account. The e-mail address is seen by that person, ADMIN and SECRETARIAT only.' })
export class UserModel {
  @Field(() => ID, { description: 'The person\'s id.' }) id: string;
  /** Resolved by UsersResolver.email: empty unless the caller may see it. */
  email: string;
  @Field({ description: 'The name others see.' }) displayName: string;
  @Field(() => [Role], { description: 'The roles an ADMIN has granted; empty for a new account.' }) roles: Role[];
  nationCode: string | null;
  organizationId: string | null;
  @Field({ description: 'True once the address was confirmed with the mailed code.' }) emailVerified: boolean;
  /** Resolved by UsersResolver.deactivatedAt: shown to those who may see the address. */
  deactivatedAt: Date | null;
  /** Set on the answer to register: the person who typed the address may read it back. */
  revealEmail?: boolean;
}

@ObjectType('AuthPayload', { description: 'A signed-in session: the short-lived access token (the refresh token travels only in the httpOnly cookie).' })
export class AuthPayloadModel {
  @Field({ description: 'A signed JWT: send it as "Authorization: Bearer <accessToken>".' }) accessToken: string;
  @Field({ description: 'When the access token stops working (JWT_TTL_SECONDS after issue, 15 minutes by default); refreshSession gives a new one.' }) expiresAt: Date;
  @Field(() => UserModel, { description: 'The person signed in.' }) user: UserModel;
}

@ObjectType('UserConnection', { description: 'A page of the users directory, by display name (Relay connection).' })
export class UserConnection extends Connection(UserModel, 'User') {}
