import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../common/pagination';
import { JoinRequestStatus } from '../join-request.entity';

registerEnumType(JoinRequestStatus, {
  name: 'JoinRequestStatus',
  description: "Where a provider's request to join stands: PENDING until the secretariat decides or the applicant withdraws it.",
  valuesMap: {
    PENDING: { description: 'Filed, waiting for the secretariat.' },
    APPROVED: { description: 'Approved: the applicant is a VENDOR of the organization named.' },
    REJECTED: { description: 'Rejected by the secretariat, with a reason mailed to the applicant.' },
    WITHDRAWN: { description: 'Withdrawn by the applicant before a decision.' },
  },
});

@ObjectType('JoinRequest', { description: "A commercial provider's request to join the workbench as a VENDOR." })
export class JoinRequestModel {
  @Field(() => ID, { description: "The request's id." }) id: string;
  @Field({ description: 'The company the applicant works for, as typed.' }) company: string;
  @Field({ description: 'The Allied nation the company is from (ISO 3166-1 alpha-3), see country.' }) nationCode: string;
  @Field({ description: "The company's website (http or https)." }) website: string;
  @Field({ description: 'Why the provider wants to join.' }) reason: string;
  @Field(() => JoinRequestStatus, { description: 'PENDING, APPROVED, REJECTED or WITHDRAWN.' }) status: JoinRequestStatus;
  @Field({ description: 'When it was filed.' }) createdAt: Date;
  @Field(() => Date, { nullable: true, description: 'When it was approved, rejected or withdrawn.' }) decidedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'The reason given with a rejection.' }) decisionReason: string | null;
  @Field({ description: 'True when the approval created the organization (the applicant became its VENDOR_ADMIN).' }) foundedOrganization: boolean;
  /** Resolved by JoinRequestsResolver. */
  applicantId: string;
  organizationId: string | null;
}

@ObjectType('JoinRequestConnection', { description: 'A page of join requests, oldest first (Relay connection).' })
export class JoinRequestConnection extends Connection(JoinRequestModel, 'JoinRequest') {}
