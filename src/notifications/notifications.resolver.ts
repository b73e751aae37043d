import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/access';
import { Caller } from '../common/caller';
import { Ctx, CurrentCaller, GqlContext } from '../common/context';
import { badInput, unauthenticated } from '../common/errors';
import { DigestService } from './digest.service';
import {
  MarkNotificationsReadInput, NotificationConnection, NotificationPreferenceInput, NotificationPreferenceModel, SubscribeInput, SubscribeResultModel,
  TopicSubscriptionModel, UnsubscribeInput,
} from './models/notification.model';
import { NotificationsService } from './notifications.service';

@Resolver()
export class NotificationsResolver {
  constructor(private readonly service: NotificationsService, private readonly digest: DigestService) {}

  @Query(() => NotificationConnection, { description: "Anyone signed in: the caller's own notifications, newest first, with the unread count. first: 1 to 100, default 20." })
  @Allow('SIGNED_IN')
  notifications(
    @CurrentCaller() caller: Caller,
    @Args('unread', { nullable: true, description: 'True: only the unread ones.' }) unread?: boolean,
    @Args('first', { type: () => Int, nullable: true, description: 'How many, 1 to 100; default 20.' }) first?: number,
    @Args('after', { nullable: true, description: 'The endCursor of the page before.' }) after?: string,
  ) {
    return this.service.list(caller, { unread, first, after });
  }

  @Mutation(() => Int, { description: "Anyone signed in: marks the caller's notifications read (the ids given, or all); answers how many changed." })
  @Allow('SIGNED_IN')
  markNotificationsRead(@CurrentCaller() caller: Caller, @Args('input', { description: 'The ids, or all: true.' }) input: MarkNotificationsReadInput) {
    return this.service.markRead(caller, input);
  }

  @Query(() => [NotificationPreferenceModel], { description: "Anyone signed in: the caller's channel for every kind of event, defaults included." })
  @Allow('SIGNED_IN')
  notificationPreferences(@CurrentCaller() caller: Caller) {
    return this.service.preferences(caller);
  }

  @Mutation(() => [NotificationPreferenceModel], { description: "Anyone signed in: sets the caller's channel for the kinds given; answers every kind's channel." })
  @Allow('SIGNED_IN')
  updateNotificationPreferences(
    @CurrentCaller() caller: Caller,
    @Args('preferences', { type: () => [NotificationPreferenceInput], description: 'Kinds and channels; each kind at most once.' }) preferences: NotificationPreferenceInput[],
  ) {
    return this.service.updatePreferences(caller, preferences);
  }

  @Query(() => [TopicSubscriptionModel], { description: 'Anyone signed in: the standards, needs and mission areas the caller follows.' })
  @Allow('SIGNED_IN')
  mySubscriptions(@CurrentCaller() caller: Caller) {
    return this.service.mySubscriptions(caller);
  }

  @Mutation(() => SubscribeResultModel, {
    description: 'Anyone, with email: subscribes the address to the weekly digest (double opt-in: a confirmation link is mailed). ' +
      'Signed in, with standardId, needId or missionArea: follows it (its events reach the caller).',
  })
  @Allow('ANYONE')
  async subscribe(@CurrentCaller() caller: Caller | null, @Ctx() ctx: GqlContext, @Args('input', { description: 'email, or one topic.' }) input: SubscribeInput): Promise<SubscribeResultModel> {
    if (input.email !== undefined && input.email !== null) {
      if (input.standardId || input.needId || input.missionArea) throw badInput('input', 'Give exactly one of email, standardId, needId or missionArea.');
      await this.digest.request(input.email, ctx.ip);
      return { subscription: null, confirmationSent: true };
    }
    return { subscription: await this.service.subscribe(caller, input), confirmationSent: false };
  }

  @Mutation(() => Boolean, {
    description: 'Anyone, with the token of a digest mail: ends that digest subscription. Signed in, with a subscription or topic: stops following it. ' +
      'Answers whether something was removed.',
  })
  @Allow('ANYONE')
  async unsubscribe(@CurrentCaller() caller: Caller | null, @Args('input', { description: 'token, or one subscription or topic.' }) input: UnsubscribeInput) {
    if (input.token !== undefined && input.token !== null) {
      if (input.subscriptionId || input.standardId || input.needId || input.missionArea) throw badInput('input', 'Give either token or a topic, not both.');
      return this.digest.unsubscribe(input.token);
    }
    if (!caller) throw unauthenticated();
    return this.service.unsubscribe(caller, input);
  }

  @Mutation(() => Boolean, { description: 'Anyone: confirms a weekly digest subscription with the token of its confirmation mail; false when unknown or expired.' })
  @Allow('ANYONE')
  confirmSubscription(@Args('token', { description: 'The token of the confirmation link.' }) token: string) {
    return this.digest.confirm(token);
  }
}
