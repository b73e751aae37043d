import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsBoolean, IsEmail, IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { MissionArea } from '../../common/mission-area';
import { Connection, Count } from '../../common/pagination';
import { NotificationChannel, NotificationKind } from '../notification-kind';

@ObjectType('Notification', { description: 'Something that happened which the signed-in person cares about; only its recipient sees it.' })
export class NotificationModel {
  @Field(() => ID, { description: 'The notification.' }) id: string;
  @Field(() => NotificationKind, { description: 'What happened.' }) kind: NotificationKind;
  @Field(() => NotificationChannel, { description: 'How it reached the person, by their preference when it was written (never OFF).' }) channel: NotificationChannel;
  @Field({ description: 'The kind of subject: CommentRound, Ballot, Edition, Standard, Comment, Need, JoinRequest.' }) subjectType: string;
  @Field(() => ID, { description: 'The subject.' }) subjectId: string;
  @Field(() => ID, { nullable: true, description: 'The standard it concerns, if any.' }) standardId: string | null;
  @Field({ description: 'One line.' }) title: string;
  @Field({ description: 'A few sentences, plain text.' }) body: string;
  @Field({ description: 'Where to read the subject: a path of the web app (/app/...) or of the public pages.' }) link: string;
  @Field({ description: 'When it happened (by the database clock).' }) createdAt: Date;
  @Field(() => Date, { nullable: true, description: 'When the person marked it read; null while unread.' }) readAt: Date | null;
}

@ObjectType({ description: "A page of the signed-in person's notifications, newest first, with the count of unread ones." })
export class NotificationConnection extends Connection(NotificationModel, 'Notification') {
  @Field(() => Int, { description: 'How many of all the person\'s notifications are unread (whatever the filter).' }) unreadCount: Count;
}

@ObjectType('NotificationPreference', { description: 'How the signed-in person hears of one kind of event.' })
export class NotificationPreferenceModel {
  @Field(() => NotificationKind, { description: 'The kind of event.' }) kind: NotificationKind;
  @Field(() => NotificationChannel, { description: 'In the app, by e-mail at once, in the weekly digest, or not at all.' }) channel: NotificationChannel;
  @Field({ description: 'True while the person has not chosen: the channel is the default for the kind.' }) isDefault: boolean;
}

@InputType({ description: 'One kind of event and the channel to hear of it by.' })
export class NotificationPreferenceInput {
  @Field(() => NotificationKind, { description: 'The kind of event.' }) @IsEnum(NotificationKind) kind: NotificationKind;
  @Field(() => NotificationChannel, { description: 'The channel.' }) @IsEnum(NotificationChannel) channel: NotificationChannel;
}

@InputType({ description: 'Which notifications to mark read: ids, or all: true.' })
export class MarkNotificationsReadInput {
  @Field(() => [ID], { nullable: true, description: 'The notifications to mark read (the caller\'s own; others are ignored). At most 500.' })
  @IsOptional() @ArrayMaxSize(500) @IsString({ each: true }) ids?: string[] | null;
  @Field(() => Boolean, { nullable: true, description: 'True marks every unread notification of the caller read.' }) @IsOptional() @IsBoolean() all?: boolean | null;
}

@ObjectType('TopicSubscription', { description: 'A person follows a standard, an interoperability need or a mission area, and hears of its events.' })
export class TopicSubscriptionModel {
  @Field(() => ID, { description: 'The subscription.' }) id: string;
  @Field(() => ID, { nullable: true, description: 'The standard followed.' }) standardId: string | null;
  @Field(() => ID, { nullable: true, description: 'The need followed.' }) needId: string | null;
  @Field(() => MissionArea, { nullable: true, description: 'The mission area followed.' }) missionArea: MissionArea | null;
  @Field({ description: 'When the person began to follow it.' }) createdAt: Date;
}

@InputType({ description: 'Exactly one of: email (anyone: the weekly digest, confirmed by mail), or standardId, needId or missionArea (signed in: follow it).' })
export class SubscribeInput {
  @Field(() => String, { nullable: true, description: 'Subscribes this address to the weekly digest; nothing is sent but a confirmation link until it is confirmed.' })
  @IsOptional() @IsEmail() @MaxLength(254) email?: string | null;
  @Field(() => ID, { nullable: true, description: 'Follow this standard (one the caller may see).' }) @IsOptional() @IsUUID() standardId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Follow this interoperability need.' }) @IsOptional() @IsUUID() needId?: string | null;
  @Field(() => MissionArea, { nullable: true, description: 'Follow this mission area.' }) @IsOptional() @IsEnum(MissionArea) missionArea?: MissionArea | null;
}

@InputType({ description: 'Exactly one of: token (anyone: the digest unsubscribe token from a digest mail), or subscriptionId, standardId, needId or missionArea (signed in).' })
export class UnsubscribeInput {
  @Field(() => String, { nullable: true, description: 'The unsubscribe token of a weekly digest mail: ends that subscription.' })
  @IsOptional() @IsString() @MaxLength(100) token?: string | null;
  @Field(() => ID, { nullable: true, description: 'One of the caller\'s subscriptions.' }) @IsOptional() @IsUUID() subscriptionId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Stop following this standard.' }) @IsOptional() @IsUUID() standardId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Stop following this need.' }) @IsOptional() @IsUUID() needId?: string | null;
  @Field(() => MissionArea, { nullable: true, description: 'Stop following this mission area.' }) @IsOptional() @IsEnum(MissionArea) missionArea?: MissionArea | null;
}

@ObjectType('SubscribeResult', { description: 'What subscribe did.' })
export class SubscribeResultModel {
  @Field(() => TopicSubscriptionModel, { nullable: true, description: 'The new subscription to a standard, need or mission area; null for the digest.' })
  subscription: TopicSubscriptionModel | null;
  @Field({ description: 'True for the digest: a confirmation link was mailed unless the address is confirmed already (the answer is the same either way).' })
  confirmationSent: boolean;
}
