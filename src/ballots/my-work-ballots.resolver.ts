import { Field, Float, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/access';
import { Caller, hasRole, Role } from '../common/caller';
import { CurrentCaller } from '../common/context';
import { MyWorkModel } from '../comments/models/my-work.model';
import { BallotsService, tally } from './ballots.service';
import { BallotModel } from './models/ballot.model';

@ObjectType('BallotWork', { description: 'An open ballot, as it stands for the caller.' })
export class BallotWorkModel {
  @Field(() => BallotModel, { description: 'The open ballot.' }) ballot: BallotModel;
  @Field(() => Float, { description: 'Days until the ballot closes, by the database clock (fractional).' }) daysLeft: number;
  @Field({ description: 'Every Ally has answered.' }) allAnswered: boolean;
  @Field({ description: 'Ratifying responses reach the threshold.' }) thresholdMet: boolean;
}

/**
 * The ballot parts of myWork, declared here so that comments (which owns
 * MyWork) does not know ballots.
 */
@Resolver(() => MyWorkModel)
@Allow('SIGNED_IN')
export class MyWorkBallotsResolver {
  constructor(private readonly ballots: BallotsService) {}

  @ResolveField(() => [BallotWorkModel], { description: 'For delegates: open ballots the caller\'s nation has not answered, soonest deadline first.' })
  async ballotsToAnswer(@Parent() _work: MyWorkModel, @CurrentCaller() caller: Caller): Promise<BallotWorkModel[]> {
    if (!hasRole(caller, Role.DELEGATE) || !caller.nationCode) return [];
    const work = await this.work(caller);
    return work.filter((w) => !w.answeredBy.has(caller.nationCode!));
  }

  @ResolveField(() => [BallotWorkModel], {
    description: 'For the secretariat: open ballots every Ally has answered, or whose threshold is met; then ballots held AWAITING_DECISION past their deadline (negative daysLeft), to extend or close as FAILED.',
  })
  async ballotsReadyToClose(@Parent() _work: MyWorkModel, @CurrentCaller() caller: Caller): Promise<BallotWorkModel[]> {
    if (!hasRole(caller, Role.SECRETARIAT)) return [];
    const [ready, held] = await Promise.all([this.work(caller), this.ballots.awaitingDecision(caller).then((b) => this.work(caller, b))]);
    return [...ready.filter((w) => w.allAnswered || w.thresholdMet), ...held];
  }

  private async work(caller: Caller, ballots?: BallotModel[]) {
    const open = ballots ?? (await this.ballots.openFor(caller));
    if (!open.length) return [];
    const [responses, nations, now] = await Promise.all([this.ballots.responsesOf(open.map((b) => b.id)), this.ballots.allNations(), this.ballots.now()]);
    return open.map((ballot) => {
      const mine = responses.filter((r) => r.ballotId === ballot.id);
      const t = tally(ballot.threshold, nations, mine);
      return {
        ballot,
        daysLeft: Math.round(((+new Date(ballot.closesAt) - +now) / 86_400_000) * 10) / 10,
        allAnswered: t.pending.length === 0,
        thresholdMet: t.thresholdMet,
        answeredBy: new Set(mine.map((r) => r.nationCode)),
      };
    });
  }
}
