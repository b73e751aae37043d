/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Me {\n    me { id displayName email emailVerified roles nation { code name } organization { id name kind } }\n  }\n": typeof types.MeDocument,
    "\n  mutation RefreshSession {\n    refreshSession { accessToken }\n  }\n": typeof types.RefreshSessionDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": typeof types.SignOutDocument,
    "\n  query AdjudicationPage($id: ID!, $after: String) {\n    commentRound(id: $id) {\n      id title status unresolvedCount\n      standard { id designation }\n      version { id number }\n      comments(first: 100, after: $after) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node { id clause paragraph type body proposedChange disposition resolution lineFrom createdAt nation { code } } }\n      }\n    }\n  }\n": typeof types.AdjudicationPageDocument,
    "\n  mutation ResolveComment($input: ResolveCommentInput!) {\n    resolveComment(input: $input) { id disposition resolution }\n  }\n": typeof types.ResolveCommentDocument,
    "\n  query BallotPage($id: ID!) {\n    ballot(id: $id) {\n      id status outcome opensAt closesAt closedAt threshold\n      standard { id designation title status }\n      version { id number label html clauses { number title level } }\n      tally { eligible responded ratifying notRatifying notParticipating withReservations threshold thresholdMet pending { code name } }\n      responses {\n        response revision castAt implementationDate nationalReference\n        nation { code name }\n        castBy { displayName }\n        reservations { clause text }\n        history { revision response castAt castBy { displayName } reservations { clause text } implementationDate nationalReference }\n      }\n    }\n    nations { code name }\n  }\n": typeof types.BallotPageDocument,
    "\n  subscription BallotResponseCast($id: ID!) {\n    responseCast(ballotId: $id) { revision nation { code } }\n  }\n": typeof types.BallotResponseCastDocument,
    "\n  mutation CastResponse($input: CastResponseInput!) {\n    castResponse(input: $input) { revision response }\n  }\n": typeof types.CastResponseDocument,
    "\n  mutation CloseBallot($id: ID!) {\n    closeBallot(ballotId: $id) { id status outcome closedAt }\n  }\n": typeof types.CloseBallotDocument,
    "\n  query StandardRelations($id: ID!, $title: String!, $scope: String!) {\n    standard(id: $id) { id relations { id kind note external { id body designation title } } }\n    duplicationCheck(title: $title, scope: $scope, first: 8) {\n      score sharedTerms\n      external { id body designation title }\n      standard { id designation title }\n    }\n  }\n": typeof types.StandardRelationsDocument,
    "\n  mutation RelateStandard($input: RelateStandardInput!) {\n    relateStandard(input: $input) { id kind }\n  }\n": typeof types.RelateStandardDocument,
    "\n  query ManageStandard($id: ID!) {\n    standard(id: $id) {\n      id designation title scope status\n      currentVersion { id number }\n      versions { id number label }\n      commentRounds {\n        id title status opensAt closesAt unresolvedCount\n        version { id number }\n        submissions { commentCount submittedAt nation { code name } }\n        comments(filter: { resolved: false }, first: 20) {\n          totalCount\n          edges { node { id status clause type body nation { code } } }\n        }\n      }\n      ballots { id status outcome closesAt closedAt threshold version { number } tally { ratifying threshold } }\n    }\n    nations { code }\n  }\n": typeof types.ManageStandardDocument,
    "\n  mutation OpenCommentRound($input: OpenCommentRoundInput!) {\n    openCommentRound(input: $input) { id }\n  }\n": typeof types.OpenCommentRoundDocument,
    "\n  mutation CloseCommentRound($id: ID!) {\n    closeCommentRound(roundId: $id) { id status }\n  }\n": typeof types.CloseCommentRoundDocument,
    "\n  mutation OpenBallot($input: OpenBallotInput!) {\n    openBallot(input: $input) { id }\n  }\n": typeof types.OpenBallotDocument,
    "\n  mutation CancelStandard($id: ID!, $reason: String!) {\n    cancelStandard(standardId: $id, reason: $reason) { id status }\n  }\n": typeof types.CancelStandardDocument,
    "\n  query PublishPreview($id: ID!) {\n    ballot(id: $id) {\n      id status outcome closedAt threshold\n      tally { ratifying withReservations responded eligible }\n      standard { id designation title status visibility editions { id number label status } }\n      version { id number label html }\n    }\n  }\n": typeof types.PublishPreviewDocument,
    "\n  mutation PublishEdition($ballotId: ID!) {\n    publishEdition(ballotId: $ballotId) { id label number url status }\n  }\n": typeof types.PublishEditionDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) { accessToken expiresAt }\n  }\n": typeof types.LoginDocument,
};
const documents: Documents = {
    "\n  query Me {\n    me { id displayName email emailVerified roles nation { code name } organization { id name kind } }\n  }\n": types.MeDocument,
    "\n  mutation RefreshSession {\n    refreshSession { accessToken }\n  }\n": types.RefreshSessionDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": types.SignOutDocument,
    "\n  query AdjudicationPage($id: ID!, $after: String) {\n    commentRound(id: $id) {\n      id title status unresolvedCount\n      standard { id designation }\n      version { id number }\n      comments(first: 100, after: $after) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node { id clause paragraph type body proposedChange disposition resolution lineFrom createdAt nation { code } } }\n      }\n    }\n  }\n": types.AdjudicationPageDocument,
    "\n  mutation ResolveComment($input: ResolveCommentInput!) {\n    resolveComment(input: $input) { id disposition resolution }\n  }\n": types.ResolveCommentDocument,
    "\n  query BallotPage($id: ID!) {\n    ballot(id: $id) {\n      id status outcome opensAt closesAt closedAt threshold\n      standard { id designation title status }\n      version { id number label html clauses { number title level } }\n      tally { eligible responded ratifying notRatifying notParticipating withReservations threshold thresholdMet pending { code name } }\n      responses {\n        response revision castAt implementationDate nationalReference\n        nation { code name }\n        castBy { displayName }\n        reservations { clause text }\n        history { revision response castAt castBy { displayName } reservations { clause text } implementationDate nationalReference }\n      }\n    }\n    nations { code name }\n  }\n": types.BallotPageDocument,
    "\n  subscription BallotResponseCast($id: ID!) {\n    responseCast(ballotId: $id) { revision nation { code } }\n  }\n": types.BallotResponseCastDocument,
    "\n  mutation CastResponse($input: CastResponseInput!) {\n    castResponse(input: $input) { revision response }\n  }\n": types.CastResponseDocument,
    "\n  mutation CloseBallot($id: ID!) {\n    closeBallot(ballotId: $id) { id status outcome closedAt }\n  }\n": types.CloseBallotDocument,
    "\n  query StandardRelations($id: ID!, $title: String!, $scope: String!) {\n    standard(id: $id) { id relations { id kind note external { id body designation title } } }\n    duplicationCheck(title: $title, scope: $scope, first: 8) {\n      score sharedTerms\n      external { id body designation title }\n      standard { id designation title }\n    }\n  }\n": types.StandardRelationsDocument,
    "\n  mutation RelateStandard($input: RelateStandardInput!) {\n    relateStandard(input: $input) { id kind }\n  }\n": types.RelateStandardDocument,
    "\n  query ManageStandard($id: ID!) {\n    standard(id: $id) {\n      id designation title scope status\n      currentVersion { id number }\n      versions { id number label }\n      commentRounds {\n        id title status opensAt closesAt unresolvedCount\n        version { id number }\n        submissions { commentCount submittedAt nation { code name } }\n        comments(filter: { resolved: false }, first: 20) {\n          totalCount\n          edges { node { id status clause type body nation { code } } }\n        }\n      }\n      ballots { id status outcome closesAt closedAt threshold version { number } tally { ratifying threshold } }\n    }\n    nations { code }\n  }\n": types.ManageStandardDocument,
    "\n  mutation OpenCommentRound($input: OpenCommentRoundInput!) {\n    openCommentRound(input: $input) { id }\n  }\n": types.OpenCommentRoundDocument,
    "\n  mutation CloseCommentRound($id: ID!) {\n    closeCommentRound(roundId: $id) { id status }\n  }\n": types.CloseCommentRoundDocument,
    "\n  mutation OpenBallot($input: OpenBallotInput!) {\n    openBallot(input: $input) { id }\n  }\n": types.OpenBallotDocument,
    "\n  mutation CancelStandard($id: ID!, $reason: String!) {\n    cancelStandard(standardId: $id, reason: $reason) { id status }\n  }\n": types.CancelStandardDocument,
    "\n  query PublishPreview($id: ID!) {\n    ballot(id: $id) {\n      id status outcome closedAt threshold\n      tally { ratifying withReservations responded eligible }\n      standard { id designation title status visibility editions { id number label status } }\n      version { id number label html }\n    }\n  }\n": types.PublishPreviewDocument,
    "\n  mutation PublishEdition($ballotId: ID!) {\n    publishEdition(ballotId: $ballotId) { id label number url status }\n  }\n": types.PublishEditionDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) { accessToken expiresAt }\n  }\n": types.LoginDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me { id displayName email emailVerified roles nation { code name } organization { id name kind } }\n  }\n"): (typeof documents)["\n  query Me {\n    me { id displayName email emailVerified roles nation { code name } organization { id name kind } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshSession {\n    refreshSession { accessToken }\n  }\n"): (typeof documents)["\n  mutation RefreshSession {\n    refreshSession { accessToken }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    signOut\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdjudicationPage($id: ID!, $after: String) {\n    commentRound(id: $id) {\n      id title status unresolvedCount\n      standard { id designation }\n      version { id number }\n      comments(first: 100, after: $after) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node { id clause paragraph type body proposedChange disposition resolution lineFrom createdAt nation { code } } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdjudicationPage($id: ID!, $after: String) {\n    commentRound(id: $id) {\n      id title status unresolvedCount\n      standard { id designation }\n      version { id number }\n      comments(first: 100, after: $after) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node { id clause paragraph type body proposedChange disposition resolution lineFrom createdAt nation { code } } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResolveComment($input: ResolveCommentInput!) {\n    resolveComment(input: $input) { id disposition resolution }\n  }\n"): (typeof documents)["\n  mutation ResolveComment($input: ResolveCommentInput!) {\n    resolveComment(input: $input) { id disposition resolution }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BallotPage($id: ID!) {\n    ballot(id: $id) {\n      id status outcome opensAt closesAt closedAt threshold\n      standard { id designation title status }\n      version { id number label html clauses { number title level } }\n      tally { eligible responded ratifying notRatifying notParticipating withReservations threshold thresholdMet pending { code name } }\n      responses {\n        response revision castAt implementationDate nationalReference\n        nation { code name }\n        castBy { displayName }\n        reservations { clause text }\n        history { revision response castAt castBy { displayName } reservations { clause text } implementationDate nationalReference }\n      }\n    }\n    nations { code name }\n  }\n"): (typeof documents)["\n  query BallotPage($id: ID!) {\n    ballot(id: $id) {\n      id status outcome opensAt closesAt closedAt threshold\n      standard { id designation title status }\n      version { id number label html clauses { number title level } }\n      tally { eligible responded ratifying notRatifying notParticipating withReservations threshold thresholdMet pending { code name } }\n      responses {\n        response revision castAt implementationDate nationalReference\n        nation { code name }\n        castBy { displayName }\n        reservations { clause text }\n        history { revision response castAt castBy { displayName } reservations { clause text } implementationDate nationalReference }\n      }\n    }\n    nations { code name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BallotResponseCast($id: ID!) {\n    responseCast(ballotId: $id) { revision nation { code } }\n  }\n"): (typeof documents)["\n  subscription BallotResponseCast($id: ID!) {\n    responseCast(ballotId: $id) { revision nation { code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CastResponse($input: CastResponseInput!) {\n    castResponse(input: $input) { revision response }\n  }\n"): (typeof documents)["\n  mutation CastResponse($input: CastResponseInput!) {\n    castResponse(input: $input) { revision response }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CloseBallot($id: ID!) {\n    closeBallot(ballotId: $id) { id status outcome closedAt }\n  }\n"): (typeof documents)["\n  mutation CloseBallot($id: ID!) {\n    closeBallot(ballotId: $id) { id status outcome closedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StandardRelations($id: ID!, $title: String!, $scope: String!) {\n    standard(id: $id) { id relations { id kind note external { id body designation title } } }\n    duplicationCheck(title: $title, scope: $scope, first: 8) {\n      score sharedTerms\n      external { id body designation title }\n      standard { id designation title }\n    }\n  }\n"): (typeof documents)["\n  query StandardRelations($id: ID!, $title: String!, $scope: String!) {\n    standard(id: $id) { id relations { id kind note external { id body designation title } } }\n    duplicationCheck(title: $title, scope: $scope, first: 8) {\n      score sharedTerms\n      external { id body designation title }\n      standard { id designation title }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RelateStandard($input: RelateStandardInput!) {\n    relateStandard(input: $input) { id kind }\n  }\n"): (typeof documents)["\n  mutation RelateStandard($input: RelateStandardInput!) {\n    relateStandard(input: $input) { id kind }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ManageStandard($id: ID!) {\n    standard(id: $id) {\n      id designation title scope status\n      currentVersion { id number }\n      versions { id number label }\n      commentRounds {\n        id title status opensAt closesAt unresolvedCount\n        version { id number }\n        submissions { commentCount submittedAt nation { code name } }\n        comments(filter: { resolved: false }, first: 20) {\n          totalCount\n          edges { node { id status clause type body nation { code } } }\n        }\n      }\n      ballots { id status outcome closesAt closedAt threshold version { number } tally { ratifying threshold } }\n    }\n    nations { code }\n  }\n"): (typeof documents)["\n  query ManageStandard($id: ID!) {\n    standard(id: $id) {\n      id designation title scope status\n      currentVersion { id number }\n      versions { id number label }\n      commentRounds {\n        id title status opensAt closesAt unresolvedCount\n        version { id number }\n        submissions { commentCount submittedAt nation { code name } }\n        comments(filter: { resolved: false }, first: 20) {\n          totalCount\n          edges { node { id status clause type body nation { code } } }\n        }\n      }\n      ballots { id status outcome closesAt closedAt threshold version { number } tally { ratifying threshold } }\n    }\n    nations { code }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OpenCommentRound($input: OpenCommentRoundInput!) {\n    openCommentRound(input: $input) { id }\n  }\n"): (typeof documents)["\n  mutation OpenCommentRound($input: OpenCommentRoundInput!) {\n    openCommentRound(input: $input) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CloseCommentRound($id: ID!) {\n    closeCommentRound(roundId: $id) { id status }\n  }\n"): (typeof documents)["\n  mutation CloseCommentRound($id: ID!) {\n    closeCommentRound(roundId: $id) { id status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OpenBallot($input: OpenBallotInput!) {\n    openBallot(input: $input) { id }\n  }\n"): (typeof documents)["\n  mutation OpenBallot($input: OpenBallotInput!) {\n    openBallot(input: $input) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelStandard($id: ID!, $reason: String!) {\n    cancelStandard(standardId: $id, reason: $reason) { id status }\n  }\n"): (typeof documents)["\n  mutation CancelStandard($id: ID!, $reason: String!) {\n    cancelStandard(standardId: $id, reason: $reason) { id status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PublishPreview($id: ID!) {\n    ballot(id: $id) {\n      id status outcome closedAt threshold\n      tally { ratifying withReservations responded eligible }\n      standard { id designation title status visibility editions { id number label status } }\n      version { id number label html }\n    }\n  }\n"): (typeof documents)["\n  query PublishPreview($id: ID!) {\n    ballot(id: $id) {\n      id status outcome closedAt threshold\n      tally { ratifying withReservations responded eligible }\n      standard { id designation title status visibility editions { id number label status } }\n      version { id number label html }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishEdition($ballotId: ID!) {\n    publishEdition(ballotId: $ballotId) { id label number url status }\n  }\n"): (typeof documents)["\n  mutation PublishEdition($ballotId: ID!) {\n    publishEdition(ballotId: $ballotId) { id label number url status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) { accessToken expiresAt }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) { accessToken expiresAt }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;