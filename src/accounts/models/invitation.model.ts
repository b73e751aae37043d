import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum InvitationStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  REVOKED = 'REVOKED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(InvitationStatus, {
  name: 'InvitationStatus',
  description: 'Where an invitation stands, by the database clock.',
  valuesMap: {
    PENDING: { description: 'Mailed, not yet used, not expired.' },
    ACCEPTED: { description: 'Used: the invitee is a VENDOR of the organization.' },
    REVOKED: { description: 'Revoked by a VENDOR_ADMIN, or replaced by a newer invitation to the same address.' },
    EXPIRED: { description: 'Not used within seven days.' },
  },
});

@ObjectType('OrganizationInvitation', { description: "An invitation to join a vendor organization, mailed by its VENDOR_ADMIN; the link's token is never shown again." })
export class InvitationModel {
  @Field(() => ID, { description: "The invitation's id." }) id: string;
  @Field({ description: 'The address it was mailed to.' }) email: string;
  @Field(() => InvitationStatus, { description: 'PENDING, ACCEPTED, REVOKED or EXPIRED.' }) status: InvitationStatus;
  @Field({ description: 'When it was mailed.' }) createdAt: Date;
  @Field({ description: 'When it stops working if unused (seven days after it was mailed).' }) expiresAt: Date;
  @Field(() => Date, { nullable: true, description: 'When it was accepted.' }) acceptedAt: Date | null;
  organizationId: string;
}

@ObjectType('InvitationPreview', { description: 'What an invitation link leads to, shown before it is accepted.' })
export class InvitationPreviewModel {
  @Field({ description: 'The organization that invites.' }) organizationName: string;
  @Field({ description: 'The address invited; only an account with this address may accept.' }) email: string;
  @Field(() => InvitationStatus, { description: 'Whether it can still be accepted (PENDING).' }) status: InvitationStatus;
  @Field({ description: 'When it stops working.' }) expiresAt: Date;
}
