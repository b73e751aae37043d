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
    "\n  query UnreadNotifications { notifications(first: 1, unread: true) { unreadCount } }\n": typeof types.UnreadNotificationsDocument,
    "\n  query Me {\n    me { id displayName email emailVerified roles nation { code name } organization { id name kind } }\n  }\n": typeof types.MeDocument,
    "\n  mutation RefreshSession { refreshSession { accessToken expiresAt } }\n": typeof types.RefreshSessionDocument,
    "\n  mutation SignOut { signOut }\n": typeof types.SignOutDocument,
    "\n  query AdjudicationPage($id: ID!, $after: String) {\n    commentRound(id: $id) {\n      id title status unresolvedCount\n      standard { id designation }\n      version { id number }\n      comments(first: 50, after: $after) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node { id number clause paragraph type body proposedChange disposition resolution lineFrom createdAt nation { code } } }\n      }\n    }\n  }\n": typeof types.AdjudicationPageDocument,
    "\n  mutation ResolveComment($input: ResolveCommentInput!) {\n    resolveComment(input: $input) { id disposition resolution }\n  }\n": typeof types.ResolveCommentDocument,
    "\n  query AuditLog($actorId: ID, $action: String, $entityType: String, $since: DateTime, $until: DateTime, $after: String) {\n    auditEvents(actorId: $actorId, action: $action, entityType: $entityType, since: $since, until: $until, first: 50, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id at action entityType entityId detail actor { displayName } } }\n    }\n    users(first: 50) { edges { node { id displayName } } }\n  }\n": typeof types.AuditLogDocument,
    "\n  query UsersDirectory($filter: UserFilter, $first: Int, $after: String) {\n    users(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id displayName email roles deactivatedAt nation { code } organization { id name } } }\n    }\n    nations { code name }\n    organizations { id name kind nation { code } }\n  }\n": typeof types.UsersDirectoryDocument,
    "\n  mutation GrantRole($input: GrantRoleInput!) {\n    grantRole(input: $input) { id roles }\n  }\n": typeof types.GrantRoleDocument,
    "\n  mutation RevokeRole($userId: ID!, $role: Role!) {\n    revokeRole(userId: $userId, role: $role) { id roles }\n  }\n": typeof types.RevokeRoleDocument,
    "\n  mutation DeactivateUser($userId: ID!) {\n    deactivateUser(userId: $userId) { id deactivatedAt }\n  }\n": typeof types.DeactivateUserDocument,
    "\n  mutation ReactivateUser($userId: ID!) {\n    reactivateUser(userId: $userId) { id deactivatedAt }\n  }\n": typeof types.ReactivateUserDocument,
    "\n  mutation CreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { id name }\n  }\n": typeof types.CreateOrganizationDocument,
    "\n  query BallotPage($id: ID!) {\n    ballot(id: $id) {\n      id status outcome opensAt closesAt closedAt threshold\n      standard { id designation title status }\n      version { id number label html clauses { number title level } }\n      tally { eligible responded ratifying notRatifying notParticipating withReservations threshold thresholdMet pending { code name } }\n      responses {\n        response revision castAt implementationDate nationalReference\n        nation { code name }\n        castBy { displayName }\n        reservations { clause text }\n        history { revision response castAt castBy { displayName } reservations { clause text } implementationDate nationalReference }\n      }\n    }\n    nations { code name }\n  }\n": typeof types.BallotPageDocument,
    "\n  subscription BallotResponseCast($id: ID!) {\n    responseCast(ballotId: $id) { revision nation { code } }\n  }\n": typeof types.BallotResponseCastDocument,
    "\n  mutation CastResponse($input: CastResponseInput!) {\n    castResponse(input: $input) { revision response }\n  }\n": typeof types.CastResponseDocument,
    "\n  mutation CloseBallot($id: ID!) {\n    closeBallot(ballotId: $id) { id status outcome closedAt }\n  }\n": typeof types.CloseBallotDocument,
    "\n  mutation ExtendBallot($ballotId: ID!, $closesAt: DateTime!, $reason: String!) {\n    extendBallot(ballotId: $ballotId, closesAt: $closesAt, reason: $reason) { id status closesAt }\n  }\n": typeof types.ExtendBallotDocument,
    "\n  subscription BallotExtended($id: ID!) {\n    ballotExtended(ballotId: $id) { id status closesAt }\n  }\n": typeof types.BallotExtendedDocument,
    "\n  query Catalogue($text: String, $body: StandardsBody, $first: Int, $after: ID) {\n    externalStandards(text: $text, body: $body, first: $first, after: $after) {\n      id body designation title scope url status asOf published\n      equivalents { id body designation }\n      replacedBy { id body designation }\n    }\n  }\n": typeof types.CatalogueDocument,
    "\n  mutation AddExternalStandard($input: ExternalStandardInput!) {\n    addExternalStandard(input: $input) { id }\n  }\n": typeof types.AddExternalStandardDocument,
    "\n  mutation UpdateExternalStandard($id: ID!, $input: UpdateExternalStandardInput!) {\n    updateExternalStandard(id: $id, input: $input) { id body designation title scope url status asOf published replacedBy { id body designation } }\n  }\n": typeof types.UpdateExternalStandardDocument,
    "\n  query FindReplacer($text: String!) {\n    externalStandards(text: $text, first: 20) { id designation }\n  }\n": typeof types.FindReplacerDocument,
    "\n  mutation CreateVersion($input: CreateVersionInput!) {\n    createVersion(input: $input) { id number }\n  }\n": typeof types.CreateVersionDocument,
    "\n  query RoleWork {\n    myWork {\n      ballotsToAnswer { daysLeft ballot { id closesAt standard { designation title } version { number } } }\n      ballotsReadyToClose { allAnswered thresholdMet ballot { id status closesAt standard { designation } tally { ratifying threshold pending { code } } } }\n      roundsToAdjudicate { id title unresolvedCount standard { id designation } }\n      staleClaims { id requirementKey product { id name productVersion } standard { id designation } version { number } }\n    }\n  }\n": typeof types.RoleWorkDocument,
    "\n  query MyWork {\n    myWork {\n      openRounds { draftCount submitted round { id title closesAt standard { id designation title } version { number } } }\n      editing { id designation title status updatedAt currentVersion { number } }\n      unsubmittedComments { id clause type body updatedAt round { id title standard { designation } } author { displayName } }\n    }\n  }\n": typeof types.MyWorkDocument,
    "\n  query InvitationPreview($token: String!) { invitation(token: $token) { organizationName email status expiresAt } }\n": typeof types.InvitationPreviewDocument,
    "\n  mutation AcceptInvitation($token: String!) { acceptInvitation(token: $token) { id status } }\n": typeof types.AcceptInvitationDocument,
    "\n  query JoinRequestQueue($status: JoinRequestStatus, $after: String) {\n    joinRequests(filter: { status: $status }, first: 50, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id company website reason status createdAt decisionReason applicant { displayName email } country { name } organization { name } } }\n    }\n    organizations(kind: VENDOR) { id name }\n  }\n": typeof types.JoinRequestQueueDocument,
    "\n  mutation ApproveJoinRequest($input: ApproveJoinRequestInput!) { approveJoinRequest(input: $input) { id status } }\n": typeof types.ApproveJoinRequestDocument,
    "\n  mutation RejectJoinRequest($id: ID!, $reason: String!) { rejectJoinRequest(id: $id, reason: $reason) { id status } }\n": typeof types.RejectJoinRequestDocument,
    "\n  query MyJoinRequests {\n    myJoinRequests { id company status createdAt decisionReason country { name } organization { name } }\n    nations { code name }\n  }\n": typeof types.MyJoinRequestsDocument,
    "\n  mutation RequestToJoin($input: RequestToJoinInput!) { requestToJoin(input: $input) { id status } }\n": typeof types.RequestToJoinDocument,
    "\n  mutation WithdrawJoinRequest($id: ID!) { withdrawJoinRequest(id: $id) { id status } }\n": typeof types.WithdrawJoinRequestDocument,
    "\n  query StandardRelations($id: ID!, $title: String!, $scope: String!) {\n    standard(id: $id) { id relations { id kind note external { id body designation title } } }\n    duplicationCheck(title: $title, scope: $scope, first: 8) {\n      score sharedTerms\n      external { id body designation title }\n      standard { id designation title }\n    }\n  }\n": typeof types.StandardRelationsDocument,
    "\n  query RelationCatalogueSearch($text: String!) {\n    externalStandards(text: $text, first: 10) { id body designation title }\n  }\n": typeof types.RelationCatalogueSearchDocument,
    "\n  mutation RelateStandard($input: RelateStandardInput!) {\n    relateStandard(input: $input) { id kind }\n  }\n": typeof types.RelateStandardDocument,
    "\n  query ManageStandard($id: ID!) {\n    standard(id: $id) {\n      id designation title scope status\n      currentVersion { id number }\n      versions { id number label }\n      commentRounds {\n        id title status opensAt closesAt unresolvedCount\n        version { id number }\n        submissions { commentCount submittedAt nation { code name } }\n        comments(filter: { resolved: false }, first: 20) {\n          totalCount\n          edges { node { id status clause type body nation { code } } }\n        }\n      }\n      ballots { id status outcome closesAt closedAt threshold version { number } tally { ratifying threshold } }\n    }\n    nations { code }\n  }\n": typeof types.ManageStandardDocument,
    "\n  mutation OpenCommentRound($input: OpenCommentRoundInput!) {\n    openCommentRound(input: $input) { id }\n  }\n": typeof types.OpenCommentRoundDocument,
    "\n  mutation CloseCommentRound($id: ID!) {\n    closeCommentRound(roundId: $id) { id status }\n  }\n": typeof types.CloseCommentRoundDocument,
    "\n  mutation OpenBallot($input: OpenBallotInput!) {\n    openBallot(input: $input) { id }\n  }\n": typeof types.OpenBallotDocument,
    "\n  mutation CancelStandard($id: ID!, $reason: String!) {\n    cancelStandard(standardId: $id, reason: $reason) { id status }\n  }\n": typeof types.CancelStandardDocument,
    "\n  query MatrixStandards {\n    standards(first: 50) { totalCount edges { node { id designation title } } }\n  }\n": typeof types.MatrixStandardsDocument,
    "\n  query InteroperabilityMatrix($standardIds: [ID!]!) {\n    interoperabilityMatrix(standardIds: $standardIds) {\n      conformant coverage\n      product { id name productVersion organization { name } }\n      standard { id designation }\n    }\n  }\n": typeof types.InteroperabilityMatrixDocument,
    "\n  query NeedRevisions($id: ID!) {\n    interoperabilityNeed(id: $id) {\n      id reference title statement missionArea priority status revision\n      raisedBy { id }\n      raisingNation { code }\n      revisions { number reason amendedAt amendedBy { displayName nation { code } } changes { field before after } }\n    }\n  }\n": typeof types.NeedRevisionsDocument,
    "\n  mutation AmendNeed($input: AmendNeedInput!) {\n    amendNeed(input: $input) {\n      id title statement missionArea priority revision updatedAt\n      revisions { number reason amendedAt amendedBy { displayName nation { code } } changes { field before after } }\n    }\n  }\n": typeof types.AmendNeedDocument,
    "\n  query NeedPage($id: ID!) {\n    interoperabilityNeed(id: $id) {\n      id reference title statement missionArea priority visibility status rejectionReason supportCount supportedByMyNation createdAt statusChangedAt\n      raisingNation { code name }\n      raisedBy { id displayName }\n      sharingNations { code name }\n      supportingNations { code name }\n      standards { id designation title status }\n      history { from to reason at }\n    }\n  }\n": typeof types.NeedPageDocument,
    "\n  query NeedLinkCandidates($text: String) { standards(first: 20, filter: { text: $text }) { totalCount edges { node { id designation title status } } } }\n": typeof types.NeedLinkCandidatesDocument,
    "mutation SupportNeed($needId: ID!) { supportNeed(needId: $needId) { id status supportCount supportedByMyNation supportingNations { code name } } }": typeof types.SupportNeedDocument,
    "mutation WithdrawNeedSupport($needId: ID!) { withdrawNeedSupport(needId: $needId) { id status supportCount supportedByMyNation supportingNations { code name } } }": typeof types.WithdrawNeedSupportDocument,
    "mutation AcceptNeed($needId: ID!) { acceptNeed(needId: $needId) { id status statusChangedAt history { from to reason at } } }": typeof types.AcceptNeedDocument,
    "mutation RejectNeed($needId: ID!, $reason: String!) { rejectNeed(needId: $needId, reason: $reason) { id status rejectionReason statusChangedAt history { from to reason at } } }": typeof types.RejectNeedDocument,
    "mutation CloseNeed($needId: ID!) { closeNeed(needId: $needId) { id status statusChangedAt history { from to reason at } } }": typeof types.CloseNeedDocument,
    "mutation MarkNeedAddressed($needId: ID!) { markNeedAddressed(needId: $needId) { id status statusChangedAt history { from to reason at } } }": typeof types.MarkNeedAddressedDocument,
    "mutation LinkStandardToNeed($needId: ID!, $standardId: ID!) { linkStandardToNeed(needId: $needId, standardId: $standardId) { id status standards { id designation title status } history { from to reason at } } }": typeof types.LinkStandardToNeedDocument,
    "mutation UnlinkStandardFromNeed($needId: ID!, $standardId: ID!) { unlinkStandardFromNeed(needId: $needId, standardId: $standardId) { id status standards { id designation title status } } }": typeof types.UnlinkStandardFromNeedDocument,
    "\n  query Needs($filter: InteroperabilityNeedFilter, $sort: NeedSort, $first: Int, $after: String) {\n    interoperabilityNeeds(filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id reference title missionArea priority status visibility supportCount supportedByMyNation createdAt } }\n    }\n  }\n": typeof types.NeedsDocument,
    "\n  query NotificationPreferences { notificationPreferences { kind channel isDefault } }\n": typeof types.NotificationPreferencesDocument,
    "\n  mutation UpdateNotificationPreferences($preferences: [NotificationPreferenceInput!]!) {\n    updateNotificationPreferences(preferences: $preferences) { kind channel isDefault }\n  }\n": typeof types.UpdateNotificationPreferencesDocument,
    "query FollowedStandard($id: ID!) { standard(id: $id) { id designation title } }": typeof types.FollowedStandardDocument,
    "query FollowedNeed($id: ID!) { interoperabilityNeed(id: $id) { id reference title } }": typeof types.FollowedNeedDocument,
    "\n  query MyNotifications($unread: Boolean, $after: String) {\n    notifications(unread: $unread, first: 50, after: $after) {\n      totalCount unreadCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id kind title body link createdAt readAt } }\n    }\n  }\n": typeof types.MyNotificationsDocument,
    "\n  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) }\n": typeof types.MarkNotificationsReadDocument,
    "\n  query MyOrganization {\n    me { id organization { id name website publicListing nation { name } } }\n    organizationInvitations { id email status createdAt expiresAt acceptedAt }\n  }\n": typeof types.MyOrganizationDocument,
    "\n  mutation InviteToOrganization($email: String!) { inviteToOrganization(input: { email: $email }) { id } }\n": typeof types.InviteToOrganizationDocument,
    "\n  mutation RevokeInvitation($id: ID!) { revokeInvitation(id: $id) { id status } }\n": typeof types.RevokeInvitationDocument,
    "\n  mutation SetPublicListing($listed: Boolean!) { setPublicListing(listed: $listed) { id publicListing } }\n": typeof types.SetPublicListingDocument,
    "\n  query ProductPage($id: ID!) {\n    product(id: $id) { id name productVersion description organization { id name } }\n  }\n": typeof types.ProductPageDocument,
    "\n  query ProductStandardCandidates($text: String) { standards(first: 20, filter: { text: $text }) { totalCount edges { node { id designation title } } } }\n": typeof types.ProductStandardCandidatesDocument,
    "\n  query ProductPickedStandard($id: ID!) {\n    standard(id: $id) { id designation title currentVersion { id number } currentEdition { label version { id number } } versions { id number } }\n  }\n": typeof types.ProductPickedStandardDocument,
    "\n  query ProductClaims($productId: ID!, $standardId: ID!, $versionId: ID!) {\n    product(id: $productId) { id claims(standardId: $standardId) { id requirementKey level evidence stale updatedAt version { id number } } }\n    standardVersion(id: $versionId) { id number requirements { key clause obligation text } }\n    conformanceReport(productId: $productId, standardId: $standardId, versionId: $versionId) {\n      conformant coverage mandatoryMet mandatoryTotal\n      gaps { key clause text }\n      staleClaims { requirementKey }\n    }\n  }\n": typeof types.ProductClaimsDocument,
    "\n  query ProvisionRedline($from: ID!, $to: ID!) {\n    redline(fromVersionId: $from, toVersionId: $to) { requirementChanges { key change before after } }\n  }\n": typeof types.ProvisionRedlineDocument,
    "\n  mutation SetConformance($input: SetConformanceInput!) {\n    setConformance(input: $input) { id requirementKey level }\n  }\n": typeof types.SetConformanceDocument,
    "\n  mutation UpdateProduct($id: ID!, $input: UpdateProductInput!) {\n    updateProduct(id: $id, input: $input) { id name productVersion description }\n  }\n": typeof types.UpdateProductDocument,
    "\n  query MyProducts {\n    products { id name productVersion description organization { name } claims { id stale } }\n  }\n": typeof types.MyProductsDocument,
    "\n  mutation RegisterProduct($input: RegisterProductInput!) {\n    registerProduct(input: $input) { id }\n  }\n": typeof types.RegisterProductDocument,
    "\n  query MySessions { mySessions { id createdAt lastUsedAt userAgent ip current } }\n": typeof types.MySessionsDocument,
    "\n  mutation RevokeSession($id: ID!) { revokeSession(id: $id) }\n": typeof types.RevokeSessionDocument,
    "\n  mutation SignOutEverywhere { signOutEverywhere }\n": typeof types.SignOutEverywhereDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) { changePassword(currentPassword: $currentPassword, newPassword: $newPassword) }\n": typeof types.ChangePasswordDocument,
    "\n  query DuplicationCheck($title: String!, $scope: String!) {\n    duplicationCheck(title: $title, scope: $scope, first: 8) {\n      score sharedTerms\n      external { id designation title body url status }\n      standard { id designation title }\n      replacedBy { id body designation }\n    }\n  }\n": typeof types.DuplicationCheckDocument,
    "\n  query SimilarNeeds($title: String!, $scope: String!) {\n    similarNeeds(title: $title, scope: $scope, first: 5) { score need { id reference title status supportCount } }\n  }\n": typeof types.SimilarNeedsDocument,
    "\n  query ProposeOpenNeeds($text: String) {\n    raised: interoperabilityNeeds(first: 20, filter: { status: RAISED, text: $text }) { totalCount edges { node { id reference title supportCount } } }\n    accepted: interoperabilityNeeds(first: 20, filter: { status: ACCEPTED, text: $text }) { totalCount edges { node { id reference title supportCount } } }\n  }\n": typeof types.ProposeOpenNeedsDocument,
    "\n  mutation ProposeStandard($input: ProposeStandardInput!) {\n    proposeStandard(input: $input) { id designation }\n  }\n": typeof types.ProposeStandardDocument,
    "\n  query ProviderDirectory($filter: ProviderFilter, $after: String) {\n    providers(filter: $filter, first: 40, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id name website publicListing country { name } products { id name productVersion } standards { standardId designation title conformantProducts } } }\n    }\n    nations { code name }\n  }\n": typeof types.ProviderDirectoryDocument,
    "\n  query PublishPreview($id: ID!) {\n    ballot(id: $id) {\n      id status outcome closedAt threshold\n      tally { ratifying withReservations responded eligible }\n      standard { id designation title status visibility editions { id number label status } }\n      version { id number label html }\n    }\n  }\n": typeof types.PublishPreviewDocument,
    "\n  mutation PublishEdition($ballotId: ID!) {\n    publishEdition(ballotId: $ballotId) { id label number url status }\n  }\n": typeof types.PublishEditionDocument,
    "query RaiseNeedNations { nations { code name } }": typeof types.RaiseNeedNationsDocument,
    "\n  mutation RaiseNeed($input: RaiseNeedInput!) {\n    raiseNeed(input: $input) { id reference }\n  }\n": typeof types.RaiseNeedDocument,
    "\n  query Redline($from: ID!, $to: ID!) {\n    redline(fromVersionId: $from, toVersionId: $to) {\n      html unified\n      stats { changedClauses wordsInserted wordsDeleted }\n      requirementChanges { key change before after }\n      from { id number }\n      to { id number }\n    }\n  }\n": typeof types.RedlineDocument,
    "\n  mutation Register($input: RegisterInput!) { register(input: $input) { id email } }\n": typeof types.RegisterDocument,
    "\n  mutation RequestPasswordReset($email: String!) { requestPasswordReset(email: $email) }\n": typeof types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($email: String!, $code: String!, $newPassword: String!) { resetPassword(email: $email, code: $code, newPassword: $newPassword) }\n": typeof types.ResetPasswordDocument,
    "\n  query RoundPage($id: ID!) {\n    commentRound(id: $id) {\n      id title status opensAt closesAt\n      standard { id designation title }\n      version { id number text }\n      submissions { nation { code } submittedAt commentCount }\n    }\n  }\n": typeof types.RoundPageDocument,
    "\n  query RoundComments($id: ID!, $after: String, $filter: CommentFilter) {\n    commentRound(id: $id) {\n      id\n      comments(first: 50, after: $after, filter: $filter) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node { id number clause lineFrom lineTo paragraph quote type body proposedChange status nation { code } author { id displayName } updatedAt } }\n      }\n    }\n  }\n": typeof types.RoundCommentsDocument,
    "\n  mutation AddComment($input: AddCommentInput!) { addComment(input: $input) { id } }\n": typeof types.AddCommentDocument,
    "\n  mutation UpdateComment($id: ID!, $input: UpdateCommentInput!) { updateComment(id: $id, input: $input) { id } }\n": typeof types.UpdateCommentDocument,
    "\n  mutation DeleteComment($id: ID!) { deleteComment(id: $id) }\n": typeof types.DeleteCommentDocument,
    "\n  mutation ImportComments($roundId: ID!, $csv: String!) { importComments(roundId: $roundId, csv: $csv) { imported errors } }\n": typeof types.ImportCommentsDocument,
    "\n  mutation SubmitNationalComments($roundId: ID!) { submitNationalComments(roundId: $roundId) { commentCount submittedAt } }\n": typeof types.SubmitNationalCommentsDocument,
    "\n  subscription CommentAdded($roundId: ID!) { commentAdded(roundId: $roundId) { id nation { code } author { id displayName } } }\n": typeof types.CommentAddedDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) { accessToken expiresAt }\n  }\n": typeof types.LoginDocument,
    "\n  query EditorCandidates($text: String!) {\n    users(filter: { text: $text, deactivated: false }, first: 8) { edges { node { id displayName email nation { code } } } }\n  }\n": typeof types.EditorCandidatesDocument,
    "\n  mutation AddEditor($standardId: ID!, $userId: ID!) { addEditor(standardId: $standardId, userId: $userId) { id editors { id } } }\n": typeof types.AddEditorDocument,
    "\n  mutation RemoveEditor($standardId: ID!, $userId: ID!) { removeEditor(standardId: $standardId, userId: $userId) { id editors { id } } }\n": typeof types.RemoveEditorDocument,
    "\n  query StandardPage($id: ID!) {\n    standard(id: $id) {\n      id designation title scope status visibility overlapJustification createdAt updatedAt\n      editors { id displayName nation { code } }\n      versions { id number label summary createdAt stage author { displayName } }\n      relations { id kind note external { id designation title body url } }\n      commentRounds { id title status closesAt version { number } }\n      currentEdition { label url }\n      stage cancelledAt cancellationReason supersededAt supersessionReason supersededBy { id designation }\n      ratifiedEdition: currentEdition {\n        label versionNumber correctionReason\n        currentRatification { nation { code name } response implementationDate reservations { clause text } }\n        ratificationChanges { id changedAt kind response implementationDate nation { code name } withdrawnReservation { clause text } }\n      }\n    }\n  }\n": typeof types.StandardPageDocument,
    "\n  query VersionText($id: ID!) {\n    standardVersion(id: $id) {\n      id number text\n      clauses { number title level line }\n      requirements { key obligation clause line text change }\n    }\n  }\n": typeof types.VersionTextDocument,
    "\n  mutation UpdateStandard($input: UpdateStandardInput!) {\n    updateStandard(input: $input) { id title scope visibility updatedAt }\n  }\n": typeof types.UpdateStandardDocument,
    "\n  query Standards($filter: StandardFilter, $first: Int, $after: String) {\n    standards(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id designation title status visibility updatedAt currentVersion { number } } }\n    }\n    nations { code name }\n  }\n": typeof types.StandardsDocument,
    "\n  query SearchSnippets($query: String!) {\n    search(query: $query, first: 25) { snippet standard { id } }\n  }\n": typeof types.SearchSnippetsDocument,
    "\n  mutation VerifyEmail($email: String!, $code: String!) { verifyEmail(email: $email, code: $code) }\n": typeof types.VerifyEmailDocument,
    "\n  mutation ResendVerificationCode($email: String!) { resendVerificationCode(email: $email) }\n": typeof types.ResendVerificationCodeDocument,
    "\n  query MySubscriptions { mySubscriptions { id standardId needId missionArea } }\n": typeof types.MySubscriptionsDocument,
    "\n  mutation FollowTopic($standardId: ID, $needId: ID, $missionArea: MissionArea) {\n    subscribe(input: { standardId: $standardId, needId: $needId, missionArea: $missionArea }) { subscription { id standardId needId missionArea } }\n  }\n": typeof types.FollowTopicDocument,
    "\n  mutation UnfollowTopic($standardId: ID, $needId: ID, $missionArea: MissionArea) {\n    unsubscribe(input: { standardId: $standardId, needId: $needId, missionArea: $missionArea })\n  }\n": typeof types.UnfollowTopicDocument,
};
const documents: Documents = {
    "\n  query UnreadNotifications { notifications(first: 1, unread: true) { unreadCount } }\n": types.UnreadNotificationsDocument,
    "\n  query Me {\n    me { id displayName email emailVerified roles nation { code name } organization { id name kind } }\n  }\n": types.MeDocument,
    "\n  mutation RefreshSession { refreshSession { accessToken expiresAt } }\n": types.RefreshSessionDocument,
    "\n  mutation SignOut { signOut }\n": types.SignOutDocument,
    "\n  query AdjudicationPage($id: ID!, $after: String) {\n    commentRound(id: $id) {\n      id title status unresolvedCount\n      standard { id designation }\n      version { id number }\n      comments(first: 50, after: $after) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node { id number clause paragraph type body proposedChange disposition resolution lineFrom createdAt nation { code } } }\n      }\n    }\n  }\n": types.AdjudicationPageDocument,
    "\n  mutation ResolveComment($input: ResolveCommentInput!) {\n    resolveComment(input: $input) { id disposition resolution }\n  }\n": types.ResolveCommentDocument,
    "\n  query AuditLog($actorId: ID, $action: String, $entityType: String, $since: DateTime, $until: DateTime, $after: String) {\n    auditEvents(actorId: $actorId, action: $action, entityType: $entityType, since: $since, until: $until, first: 50, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id at action entityType entityId detail actor { displayName } } }\n    }\n    users(first: 50) { edges { node { id displayName } } }\n  }\n": types.AuditLogDocument,
    "\n  query UsersDirectory($filter: UserFilter, $first: Int, $after: String) {\n    users(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id displayName email roles deactivatedAt nation { code } organization { id name } } }\n    }\n    nations { code name }\n    organizations { id name kind nation { code } }\n  }\n": types.UsersDirectoryDocument,
    "\n  mutation GrantRole($input: GrantRoleInput!) {\n    grantRole(input: $input) { id roles }\n  }\n": types.GrantRoleDocument,
    "\n  mutation RevokeRole($userId: ID!, $role: Role!) {\n    revokeRole(userId: $userId, role: $role) { id roles }\n  }\n": types.RevokeRoleDocument,
    "\n  mutation DeactivateUser($userId: ID!) {\n    deactivateUser(userId: $userId) { id deactivatedAt }\n  }\n": types.DeactivateUserDocument,
    "\n  mutation ReactivateUser($userId: ID!) {\n    reactivateUser(userId: $userId) { id deactivatedAt }\n  }\n": types.ReactivateUserDocument,
    "\n  mutation CreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { id name }\n  }\n": types.CreateOrganizationDocument,
    "\n  query BallotPage($id: ID!) {\n    ballot(id: $id) {\n      id status outcome opensAt closesAt closedAt threshold\n      standard { id designation title status }\n      version { id number label html clauses { number title level } }\n      tally { eligible responded ratifying notRatifying notParticipating withReservations threshold thresholdMet pending { code name } }\n      responses {\n        response revision castAt implementationDate nationalReference\n        nation { code name }\n        castBy { displayName }\n        reservations { clause text }\n        history { revision response castAt castBy { displayName } reservations { clause text } implementationDate nationalReference }\n      }\n    }\n    nations { code name }\n  }\n": types.BallotPageDocument,
    "\n  subscription BallotResponseCast($id: ID!) {\n    responseCast(ballotId: $id) { revision nation { code } }\n  }\n": types.BallotResponseCastDocument,
    "\n  mutation CastResponse($input: CastResponseInput!) {\n    castResponse(input: $input) { revision response }\n  }\n": types.CastResponseDocument,
    "\n  mutation CloseBallot($id: ID!) {\n    closeBallot(ballotId: $id) { id status outcome closedAt }\n  }\n": types.CloseBallotDocument,
    "\n  mutation ExtendBallot($ballotId: ID!, $closesAt: DateTime!, $reason: String!) {\n    extendBallot(ballotId: $ballotId, closesAt: $closesAt, reason: $reason) { id status closesAt }\n  }\n": types.ExtendBallotDocument,
    "\n  subscription BallotExtended($id: ID!) {\n    ballotExtended(ballotId: $id) { id status closesAt }\n  }\n": types.BallotExtendedDocument,
    "\n  query Catalogue($text: String, $body: StandardsBody, $first: Int, $after: ID) {\n    externalStandards(text: $text, body: $body, first: $first, after: $after) {\n      id body designation title scope url status asOf published\n      equivalents { id body designation }\n      replacedBy { id body designation }\n    }\n  }\n": types.CatalogueDocument,
    "\n  mutation AddExternalStandard($input: ExternalStandardInput!) {\n    addExternalStandard(input: $input) { id }\n  }\n": types.AddExternalStandardDocument,
    "\n  mutation UpdateExternalStandard($id: ID!, $input: UpdateExternalStandardInput!) {\n    updateExternalStandard(id: $id, input: $input) { id body designation title scope url status asOf published replacedBy { id body designation } }\n  }\n": types.UpdateExternalStandardDocument,
    "\n  query FindReplacer($text: String!) {\n    externalStandards(text: $text, first: 20) { id designation }\n  }\n": types.FindReplacerDocument,
    "\n  mutation CreateVersion($input: CreateVersionInput!) {\n    createVersion(input: $input) { id number }\n  }\n": types.CreateVersionDocument,
    "\n  query RoleWork {\n    myWork {\n      ballotsToAnswer { daysLeft ballot { id closesAt standard { designation title } version { number } } }\n      ballotsReadyToClose { allAnswered thresholdMet ballot { id status closesAt standard { designation } tally { ratifying threshold pending { code } } } }\n      roundsToAdjudicate { id title unresolvedCount standard { id designation } }\n      staleClaims { id requirementKey product { id name productVersion } standard { id designation } version { number } }\n    }\n  }\n": types.RoleWorkDocument,
    "\n  query MyWork {\n    myWork {\n      openRounds { draftCount submitted round { id title closesAt standard { id designation title } version { number } } }\n      editing { id designation title status updatedAt currentVersion { number } }\n      unsubmittedComments { id clause type body updatedAt round { id title standard { designation } } author { displayName } }\n    }\n  }\n": types.MyWorkDocument,
    "\n  query InvitationPreview($token: String!) { invitation(token: $token) { organizationName email status expiresAt } }\n": types.InvitationPreviewDocument,
    "\n  mutation AcceptInvitation($token: String!) { acceptInvitation(token: $token) { id status } }\n": types.AcceptInvitationDocument,
    "\n  query JoinRequestQueue($status: JoinRequestStatus, $after: String) {\n    joinRequests(filter: { status: $status }, first: 50, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id company website reason status createdAt decisionReason applicant { displayName email } country { name } organization { name } } }\n    }\n    organizations(kind: VENDOR) { id name }\n  }\n": types.JoinRequestQueueDocument,
    "\n  mutation ApproveJoinRequest($input: ApproveJoinRequestInput!) { approveJoinRequest(input: $input) { id status } }\n": types.ApproveJoinRequestDocument,
    "\n  mutation RejectJoinRequest($id: ID!, $reason: String!) { rejectJoinRequest(id: $id, reason: $reason) { id status } }\n": types.RejectJoinRequestDocument,
    "\n  query MyJoinRequests {\n    myJoinRequests { id company status createdAt decisionReason country { name } organization { name } }\n    nations { code name }\n  }\n": types.MyJoinRequestsDocument,
    "\n  mutation RequestToJoin($input: RequestToJoinInput!) { requestToJoin(input: $input) { id status } }\n": types.RequestToJoinDocument,
    "\n  mutation WithdrawJoinRequest($id: ID!) { withdrawJoinRequest(id: $id) { id status } }\n": types.WithdrawJoinRequestDocument,
    "\n  query StandardRelations($id: ID!, $title: String!, $scope: String!) {\n    standard(id: $id) { id relations { id kind note external { id body designation title } } }\n    duplicationCheck(title: $title, scope: $scope, first: 8) {\n      score sharedTerms\n      external { id body designation title }\n      standard { id designation title }\n    }\n  }\n": types.StandardRelationsDocument,
    "\n  query RelationCatalogueSearch($text: String!) {\n    externalStandards(text: $text, first: 10) { id body designation title }\n  }\n": types.RelationCatalogueSearchDocument,
    "\n  mutation RelateStandard($input: RelateStandardInput!) {\n    relateStandard(input: $input) { id kind }\n  }\n": types.RelateStandardDocument,
    "\n  query ManageStandard($id: ID!) {\n    standard(id: $id) {\n      id designation title scope status\n      currentVersion { id number }\n      versions { id number label }\n      commentRounds {\n        id title status opensAt closesAt unresolvedCount\n        version { id number }\n        submissions { commentCount submittedAt nation { code name } }\n        comments(filter: { resolved: false }, first: 20) {\n          totalCount\n          edges { node { id status clause type body nation { code } } }\n        }\n      }\n      ballots { id status outcome closesAt closedAt threshold version { number } tally { ratifying threshold } }\n    }\n    nations { code }\n  }\n": types.ManageStandardDocument,
    "\n  mutation OpenCommentRound($input: OpenCommentRoundInput!) {\n    openCommentRound(input: $input) { id }\n  }\n": types.OpenCommentRoundDocument,
    "\n  mutation CloseCommentRound($id: ID!) {\n    closeCommentRound(roundId: $id) { id status }\n  }\n": types.CloseCommentRoundDocument,
    "\n  mutation OpenBallot($input: OpenBallotInput!) {\n    openBallot(input: $input) { id }\n  }\n": types.OpenBallotDocument,
    "\n  mutation CancelStandard($id: ID!, $reason: String!) {\n    cancelStandard(standardId: $id, reason: $reason) { id status }\n  }\n": types.CancelStandardDocument,
    "\n  query MatrixStandards {\n    standards(first: 50) { totalCount edges { node { id designation title } } }\n  }\n": types.MatrixStandardsDocument,
    "\n  query InteroperabilityMatrix($standardIds: [ID!]!) {\n    interoperabilityMatrix(standardIds: $standardIds) {\n      conformant coverage\n      product { id name productVersion organization { name } }\n      standard { id designation }\n    }\n  }\n": types.InteroperabilityMatrixDocument,
    "\n  query NeedRevisions($id: ID!) {\n    interoperabilityNeed(id: $id) {\n      id reference title statement missionArea priority status revision\n      raisedBy { id }\n      raisingNation { code }\n      revisions { number reason amendedAt amendedBy { displayName nation { code } } changes { field before after } }\n    }\n  }\n": types.NeedRevisionsDocument,
    "\n  mutation AmendNeed($input: AmendNeedInput!) {\n    amendNeed(input: $input) {\n      id title statement missionArea priority revision updatedAt\n      revisions { number reason amendedAt amendedBy { displayName nation { code } } changes { field before after } }\n    }\n  }\n": types.AmendNeedDocument,
    "\n  query NeedPage($id: ID!) {\n    interoperabilityNeed(id: $id) {\n      id reference title statement missionArea priority visibility status rejectionReason supportCount supportedByMyNation createdAt statusChangedAt\n      raisingNation { code name }\n      raisedBy { id displayName }\n      sharingNations { code name }\n      supportingNations { code name }\n      standards { id designation title status }\n      history { from to reason at }\n    }\n  }\n": types.NeedPageDocument,
    "\n  query NeedLinkCandidates($text: String) { standards(first: 20, filter: { text: $text }) { totalCount edges { node { id designation title status } } } }\n": types.NeedLinkCandidatesDocument,
    "mutation SupportNeed($needId: ID!) { supportNeed(needId: $needId) { id status supportCount supportedByMyNation supportingNations { code name } } }": types.SupportNeedDocument,
    "mutation WithdrawNeedSupport($needId: ID!) { withdrawNeedSupport(needId: $needId) { id status supportCount supportedByMyNation supportingNations { code name } } }": types.WithdrawNeedSupportDocument,
    "mutation AcceptNeed($needId: ID!) { acceptNeed(needId: $needId) { id status statusChangedAt history { from to reason at } } }": types.AcceptNeedDocument,
    "mutation RejectNeed($needId: ID!, $reason: String!) { rejectNeed(needId: $needId, reason: $reason) { id status rejectionReason statusChangedAt history { from to reason at } } }": types.RejectNeedDocument,
    "mutation CloseNeed($needId: ID!) { closeNeed(needId: $needId) { id status statusChangedAt history { from to reason at } } }": types.CloseNeedDocument,
    "mutation MarkNeedAddressed($needId: ID!) { markNeedAddressed(needId: $needId) { id status statusChangedAt history { from to reason at } } }": types.MarkNeedAddressedDocument,
    "mutation LinkStandardToNeed($needId: ID!, $standardId: ID!) { linkStandardToNeed(needId: $needId, standardId: $standardId) { id status standards { id designation title status } history { from to reason at } } }": types.LinkStandardToNeedDocument,
    "mutation UnlinkStandardFromNeed($needId: ID!, $standardId: ID!) { unlinkStandardFromNeed(needId: $needId, standardId: $standardId) { id status standards { id designation title status } } }": types.UnlinkStandardFromNeedDocument,
    "\n  query Needs($filter: InteroperabilityNeedFilter, $sort: NeedSort, $first: Int, $after: String) {\n    interoperabilityNeeds(filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id reference title missionArea priority status visibility supportCount supportedByMyNation createdAt } }\n    }\n  }\n": types.NeedsDocument,
    "\n  query NotificationPreferences { notificationPreferences { kind channel isDefault } }\n": types.NotificationPreferencesDocument,
    "\n  mutation UpdateNotificationPreferences($preferences: [NotificationPreferenceInput!]!) {\n    updateNotificationPreferences(preferences: $preferences) { kind channel isDefault }\n  }\n": types.UpdateNotificationPreferencesDocument,
    "query FollowedStandard($id: ID!) { standard(id: $id) { id designation title } }": types.FollowedStandardDocument,
    "query FollowedNeed($id: ID!) { interoperabilityNeed(id: $id) { id reference title } }": types.FollowedNeedDocument,
    "\n  query MyNotifications($unread: Boolean, $after: String) {\n    notifications(unread: $unread, first: 50, after: $after) {\n      totalCount unreadCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id kind title body link createdAt readAt } }\n    }\n  }\n": types.MyNotificationsDocument,
    "\n  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) }\n": types.MarkNotificationsReadDocument,
    "\n  query MyOrganization {\n    me { id organization { id name website publicListing nation { name } } }\n    organizationInvitations { id email status createdAt expiresAt acceptedAt }\n  }\n": types.MyOrganizationDocument,
    "\n  mutation InviteToOrganization($email: String!) { inviteToOrganization(input: { email: $email }) { id } }\n": types.InviteToOrganizationDocument,
    "\n  mutation RevokeInvitation($id: ID!) { revokeInvitation(id: $id) { id status } }\n": types.RevokeInvitationDocument,
    "\n  mutation SetPublicListing($listed: Boolean!) { setPublicListing(listed: $listed) { id publicListing } }\n": types.SetPublicListingDocument,
    "\n  query ProductPage($id: ID!) {\n    product(id: $id) { id name productVersion description organization { id name } }\n  }\n": types.ProductPageDocument,
    "\n  query ProductStandardCandidates($text: String) { standards(first: 20, filter: { text: $text }) { totalCount edges { node { id designation title } } } }\n": types.ProductStandardCandidatesDocument,
    "\n  query ProductPickedStandard($id: ID!) {\n    standard(id: $id) { id designation title currentVersion { id number } currentEdition { label version { id number } } versions { id number } }\n  }\n": types.ProductPickedStandardDocument,
    "\n  query ProductClaims($productId: ID!, $standardId: ID!, $versionId: ID!) {\n    product(id: $productId) { id claims(standardId: $standardId) { id requirementKey level evidence stale updatedAt version { id number } } }\n    standardVersion(id: $versionId) { id number requirements { key clause obligation text } }\n    conformanceReport(productId: $productId, standardId: $standardId, versionId: $versionId) {\n      conformant coverage mandatoryMet mandatoryTotal\n      gaps { key clause text }\n      staleClaims { requirementKey }\n    }\n  }\n": types.ProductClaimsDocument,
    "\n  query ProvisionRedline($from: ID!, $to: ID!) {\n    redline(fromVersionId: $from, toVersionId: $to) { requirementChanges { key change before after } }\n  }\n": types.ProvisionRedlineDocument,
    "\n  mutation SetConformance($input: SetConformanceInput!) {\n    setConformance(input: $input) { id requirementKey level }\n  }\n": types.SetConformanceDocument,
    "\n  mutation UpdateProduct($id: ID!, $input: UpdateProductInput!) {\n    updateProduct(id: $id, input: $input) { id name productVersion description }\n  }\n": types.UpdateProductDocument,
    "\n  query MyProducts {\n    products { id name productVersion description organization { name } claims { id stale } }\n  }\n": types.MyProductsDocument,
    "\n  mutation RegisterProduct($input: RegisterProductInput!) {\n    registerProduct(input: $input) { id }\n  }\n": types.RegisterProductDocument,
    "\n  query MySessions { mySessions { id createdAt lastUsedAt userAgent ip current } }\n": types.MySessionsDocument,
    "\n  mutation RevokeSession($id: ID!) { revokeSession(id: $id) }\n": types.RevokeSessionDocument,
    "\n  mutation SignOutEverywhere { signOutEverywhere }\n": types.SignOutEverywhereDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) { changePassword(currentPassword: $currentPassword, newPassword: $newPassword) }\n": types.ChangePasswordDocument,
    "\n  query DuplicationCheck($title: String!, $scope: String!) {\n    duplicationCheck(title: $title, scope: $scope, first: 8) {\n      score sharedTerms\n      external { id designation title body url status }\n      standard { id designation title }\n      replacedBy { id body designation }\n    }\n  }\n": types.DuplicationCheckDocument,
    "\n  query SimilarNeeds($title: String!, $scope: String!) {\n    similarNeeds(title: $title, scope: $scope, first: 5) { score need { id reference title status supportCount } }\n  }\n": types.SimilarNeedsDocument,
    "\n  query ProposeOpenNeeds($text: String) {\n    raised: interoperabilityNeeds(first: 20, filter: { status: RAISED, text: $text }) { totalCount edges { node { id reference title supportCount } } }\n    accepted: interoperabilityNeeds(first: 20, filter: { status: ACCEPTED, text: $text }) { totalCount edges { node { id reference title supportCount } } }\n  }\n": types.ProposeOpenNeedsDocument,
    "\n  mutation ProposeStandard($input: ProposeStandardInput!) {\n    proposeStandard(input: $input) { id designation }\n  }\n": types.ProposeStandardDocument,
    "\n  query ProviderDirectory($filter: ProviderFilter, $after: String) {\n    providers(filter: $filter, first: 40, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id name website publicListing country { name } products { id name productVersion } standards { standardId designation title conformantProducts } } }\n    }\n    nations { code name }\n  }\n": types.ProviderDirectoryDocument,
    "\n  query PublishPreview($id: ID!) {\n    ballot(id: $id) {\n      id status outcome closedAt threshold\n      tally { ratifying withReservations responded eligible }\n      standard { id designation title status visibility editions { id number label status } }\n      version { id number label html }\n    }\n  }\n": types.PublishPreviewDocument,
    "\n  mutation PublishEdition($ballotId: ID!) {\n    publishEdition(ballotId: $ballotId) { id label number url status }\n  }\n": types.PublishEditionDocument,
    "query RaiseNeedNations { nations { code name } }": types.RaiseNeedNationsDocument,
    "\n  mutation RaiseNeed($input: RaiseNeedInput!) {\n    raiseNeed(input: $input) { id reference }\n  }\n": types.RaiseNeedDocument,
    "\n  query Redline($from: ID!, $to: ID!) {\n    redline(fromVersionId: $from, toVersionId: $to) {\n      html unified\n      stats { changedClauses wordsInserted wordsDeleted }\n      requirementChanges { key change before after }\n      from { id number }\n      to { id number }\n    }\n  }\n": types.RedlineDocument,
    "\n  mutation Register($input: RegisterInput!) { register(input: $input) { id email } }\n": types.RegisterDocument,
    "\n  mutation RequestPasswordReset($email: String!) { requestPasswordReset(email: $email) }\n": types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($email: String!, $code: String!, $newPassword: String!) { resetPassword(email: $email, code: $code, newPassword: $newPassword) }\n": types.ResetPasswordDocument,
    "\n  query RoundPage($id: ID!) {\n    commentRound(id: $id) {\n      id title status opensAt closesAt\n      standard { id designation title }\n      version { id number text }\n      submissions { nation { code } submittedAt commentCount }\n    }\n  }\n": types.RoundPageDocument,
    "\n  query RoundComments($id: ID!, $after: String, $filter: CommentFilter) {\n    commentRound(id: $id) {\n      id\n      comments(first: 50, after: $after, filter: $filter) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node { id number clause lineFrom lineTo paragraph quote type body proposedChange status nation { code } author { id displayName } updatedAt } }\n      }\n    }\n  }\n": types.RoundCommentsDocument,
    "\n  mutation AddComment($input: AddCommentInput!) { addComment(input: $input) { id } }\n": types.AddCommentDocument,
    "\n  mutation UpdateComment($id: ID!, $input: UpdateCommentInput!) { updateComment(id: $id, input: $input) { id } }\n": types.UpdateCommentDocument,
    "\n  mutation DeleteComment($id: ID!) { deleteComment(id: $id) }\n": types.DeleteCommentDocument,
    "\n  mutation ImportComments($roundId: ID!, $csv: String!) { importComments(roundId: $roundId, csv: $csv) { imported errors } }\n": types.ImportCommentsDocument,
    "\n  mutation SubmitNationalComments($roundId: ID!) { submitNationalComments(roundId: $roundId) { commentCount submittedAt } }\n": types.SubmitNationalCommentsDocument,
    "\n  subscription CommentAdded($roundId: ID!) { commentAdded(roundId: $roundId) { id nation { code } author { id displayName } } }\n": types.CommentAddedDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) { accessToken expiresAt }\n  }\n": types.LoginDocument,
    "\n  query EditorCandidates($text: String!) {\n    users(filter: { text: $text, deactivated: false }, first: 8) { edges { node { id displayName email nation { code } } } }\n  }\n": types.EditorCandidatesDocument,
    "\n  mutation AddEditor($standardId: ID!, $userId: ID!) { addEditor(standardId: $standardId, userId: $userId) { id editors { id } } }\n": types.AddEditorDocument,
    "\n  mutation RemoveEditor($standardId: ID!, $userId: ID!) { removeEditor(standardId: $standardId, userId: $userId) { id editors { id } } }\n": types.RemoveEditorDocument,
    "\n  query StandardPage($id: ID!) {\n    standard(id: $id) {\n      id designation title scope status visibility overlapJustification createdAt updatedAt\n      editors { id displayName nation { code } }\n      versions { id number label summary createdAt stage author { displayName } }\n      relations { id kind note external { id designation title body url } }\n      commentRounds { id title status closesAt version { number } }\n      currentEdition { label url }\n      stage cancelledAt cancellationReason supersededAt supersessionReason supersededBy { id designation }\n      ratifiedEdition: currentEdition {\n        label versionNumber correctionReason\n        currentRatification { nation { code name } response implementationDate reservations { clause text } }\n        ratificationChanges { id changedAt kind response implementationDate nation { code name } withdrawnReservation { clause text } }\n      }\n    }\n  }\n": types.StandardPageDocument,
    "\n  query VersionText($id: ID!) {\n    standardVersion(id: $id) {\n      id number text\n      clauses { number title level line }\n      requirements { key obligation clause line text change }\n    }\n  }\n": types.VersionTextDocument,
    "\n  mutation UpdateStandard($input: UpdateStandardInput!) {\n    updateStandard(input: $input) { id title scope visibility updatedAt }\n  }\n": types.UpdateStandardDocument,
    "\n  query Standards($filter: StandardFilter, $first: Int, $after: String) {\n    standards(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id designation title status visibility updatedAt currentVersion { number } } }\n    }\n    nations { code name }\n  }\n": types.StandardsDocument,
    "\n  query SearchSnippets($query: String!) {\n    search(query: $query, first: 25) { snippet standard { id } }\n  }\n": types.SearchSnippetsDocument,
    "\n  mutation VerifyEmail($email: String!, $code: String!) { verifyEmail(email: $email, code: $code) }\n": types.VerifyEmailDocument,
    "\n  mutation ResendVerificationCode($email: String!) { resendVerificationCode(email: $email) }\n": types.ResendVerificationCodeDocument,
    "\n  query MySubscriptions { mySubscriptions { id standardId needId missionArea } }\n": types.MySubscriptionsDocument,
    "\n  mutation FollowTopic($standardId: ID, $needId: ID, $missionArea: MissionArea) {\n    subscribe(input: { standardId: $standardId, needId: $needId, missionArea: $missionArea }) { subscription { id standardId needId missionArea } }\n  }\n": types.FollowTopicDocument,
    "\n  mutation UnfollowTopic($standardId: ID, $needId: ID, $missionArea: MissionArea) {\n    unsubscribe(input: { standardId: $standardId, needId: $needId, missionArea: $missionArea })\n  }\n": types.UnfollowTopicDocument,
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
export function graphql(source: "\n  query UnreadNotifications { notifications(first: 1, unread: true) { unreadCount } }\n"): (typeof documents)["\n  query UnreadNotifications { notifications(first: 1, unread: true) { unreadCount } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me { id displayName email emailVerified roles nation { code name } organization { id name kind } }\n  }\n"): (typeof documents)["\n  query Me {\n    me { id displayName email emailVerified roles nation { code name } organization { id name kind } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshSession { refreshSession { accessToken expiresAt } }\n"): (typeof documents)["\n  mutation RefreshSession { refreshSession { accessToken expiresAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut { signOut }\n"): (typeof documents)["\n  mutation SignOut { signOut }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdjudicationPage($id: ID!, $after: String) {\n    commentRound(id: $id) {\n      id title status unresolvedCount\n      standard { id designation }\n      version { id number }\n      comments(first: 50, after: $after) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node { id number clause paragraph type body proposedChange disposition resolution lineFrom createdAt nation { code } } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdjudicationPage($id: ID!, $after: String) {\n    commentRound(id: $id) {\n      id title status unresolvedCount\n      standard { id designation }\n      version { id number }\n      comments(first: 50, after: $after) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node { id number clause paragraph type body proposedChange disposition resolution lineFrom createdAt nation { code } } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResolveComment($input: ResolveCommentInput!) {\n    resolveComment(input: $input) { id disposition resolution }\n  }\n"): (typeof documents)["\n  mutation ResolveComment($input: ResolveCommentInput!) {\n    resolveComment(input: $input) { id disposition resolution }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog($actorId: ID, $action: String, $entityType: String, $since: DateTime, $until: DateTime, $after: String) {\n    auditEvents(actorId: $actorId, action: $action, entityType: $entityType, since: $since, until: $until, first: 50, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id at action entityType entityId detail actor { displayName } } }\n    }\n    users(first: 50) { edges { node { id displayName } } }\n  }\n"): (typeof documents)["\n  query AuditLog($actorId: ID, $action: String, $entityType: String, $since: DateTime, $until: DateTime, $after: String) {\n    auditEvents(actorId: $actorId, action: $action, entityType: $entityType, since: $since, until: $until, first: 50, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id at action entityType entityId detail actor { displayName } } }\n    }\n    users(first: 50) { edges { node { id displayName } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsersDirectory($filter: UserFilter, $first: Int, $after: String) {\n    users(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id displayName email roles deactivatedAt nation { code } organization { id name } } }\n    }\n    nations { code name }\n    organizations { id name kind nation { code } }\n  }\n"): (typeof documents)["\n  query UsersDirectory($filter: UserFilter, $first: Int, $after: String) {\n    users(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id displayName email roles deactivatedAt nation { code } organization { id name } } }\n    }\n    nations { code name }\n    organizations { id name kind nation { code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GrantRole($input: GrantRoleInput!) {\n    grantRole(input: $input) { id roles }\n  }\n"): (typeof documents)["\n  mutation GrantRole($input: GrantRoleInput!) {\n    grantRole(input: $input) { id roles }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeRole($userId: ID!, $role: Role!) {\n    revokeRole(userId: $userId, role: $role) { id roles }\n  }\n"): (typeof documents)["\n  mutation RevokeRole($userId: ID!, $role: Role!) {\n    revokeRole(userId: $userId, role: $role) { id roles }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeactivateUser($userId: ID!) {\n    deactivateUser(userId: $userId) { id deactivatedAt }\n  }\n"): (typeof documents)["\n  mutation DeactivateUser($userId: ID!) {\n    deactivateUser(userId: $userId) { id deactivatedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReactivateUser($userId: ID!) {\n    reactivateUser(userId: $userId) { id deactivatedAt }\n  }\n"): (typeof documents)["\n  mutation ReactivateUser($userId: ID!) {\n    reactivateUser(userId: $userId) { id deactivatedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { id name }\n  }\n"): (typeof documents)["\n  mutation CreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { id name }\n  }\n"];
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
export function graphql(source: "\n  mutation ExtendBallot($ballotId: ID!, $closesAt: DateTime!, $reason: String!) {\n    extendBallot(ballotId: $ballotId, closesAt: $closesAt, reason: $reason) { id status closesAt }\n  }\n"): (typeof documents)["\n  mutation ExtendBallot($ballotId: ID!, $closesAt: DateTime!, $reason: String!) {\n    extendBallot(ballotId: $ballotId, closesAt: $closesAt, reason: $reason) { id status closesAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BallotExtended($id: ID!) {\n    ballotExtended(ballotId: $id) { id status closesAt }\n  }\n"): (typeof documents)["\n  subscription BallotExtended($id: ID!) {\n    ballotExtended(ballotId: $id) { id status closesAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Catalogue($text: String, $body: StandardsBody, $first: Int, $after: ID) {\n    externalStandards(text: $text, body: $body, first: $first, after: $after) {\n      id body designation title scope url status asOf published\n      equivalents { id body designation }\n      replacedBy { id body designation }\n    }\n  }\n"): (typeof documents)["\n  query Catalogue($text: String, $body: StandardsBody, $first: Int, $after: ID) {\n    externalStandards(text: $text, body: $body, first: $first, after: $after) {\n      id body designation title scope url status asOf published\n      equivalents { id body designation }\n      replacedBy { id body designation }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddExternalStandard($input: ExternalStandardInput!) {\n    addExternalStandard(input: $input) { id }\n  }\n"): (typeof documents)["\n  mutation AddExternalStandard($input: ExternalStandardInput!) {\n    addExternalStandard(input: $input) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateExternalStandard($id: ID!, $input: UpdateExternalStandardInput!) {\n    updateExternalStandard(id: $id, input: $input) { id body designation title scope url status asOf published replacedBy { id body designation } }\n  }\n"): (typeof documents)["\n  mutation UpdateExternalStandard($id: ID!, $input: UpdateExternalStandardInput!) {\n    updateExternalStandard(id: $id, input: $input) { id body designation title scope url status asOf published replacedBy { id body designation } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FindReplacer($text: String!) {\n    externalStandards(text: $text, first: 20) { id designation }\n  }\n"): (typeof documents)["\n  query FindReplacer($text: String!) {\n    externalStandards(text: $text, first: 20) { id designation }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateVersion($input: CreateVersionInput!) {\n    createVersion(input: $input) { id number }\n  }\n"): (typeof documents)["\n  mutation CreateVersion($input: CreateVersionInput!) {\n    createVersion(input: $input) { id number }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RoleWork {\n    myWork {\n      ballotsToAnswer { daysLeft ballot { id closesAt standard { designation title } version { number } } }\n      ballotsReadyToClose { allAnswered thresholdMet ballot { id status closesAt standard { designation } tally { ratifying threshold pending { code } } } }\n      roundsToAdjudicate { id title unresolvedCount standard { id designation } }\n      staleClaims { id requirementKey product { id name productVersion } standard { id designation } version { number } }\n    }\n  }\n"): (typeof documents)["\n  query RoleWork {\n    myWork {\n      ballotsToAnswer { daysLeft ballot { id closesAt standard { designation title } version { number } } }\n      ballotsReadyToClose { allAnswered thresholdMet ballot { id status closesAt standard { designation } tally { ratifying threshold pending { code } } } }\n      roundsToAdjudicate { id title unresolvedCount standard { id designation } }\n      staleClaims { id requirementKey product { id name productVersion } standard { id designation } version { number } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyWork {\n    myWork {\n      openRounds { draftCount submitted round { id title closesAt standard { id designation title } version { number } } }\n      editing { id designation title status updatedAt currentVersion { number } }\n      unsubmittedComments { id clause type body updatedAt round { id title standard { designation } } author { displayName } }\n    }\n  }\n"): (typeof documents)["\n  query MyWork {\n    myWork {\n      openRounds { draftCount submitted round { id title closesAt standard { id designation title } version { number } } }\n      editing { id designation title status updatedAt currentVersion { number } }\n      unsubmittedComments { id clause type body updatedAt round { id title standard { designation } } author { displayName } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InvitationPreview($token: String!) { invitation(token: $token) { organizationName email status expiresAt } }\n"): (typeof documents)["\n  query InvitationPreview($token: String!) { invitation(token: $token) { organizationName email status expiresAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptInvitation($token: String!) { acceptInvitation(token: $token) { id status } }\n"): (typeof documents)["\n  mutation AcceptInvitation($token: String!) { acceptInvitation(token: $token) { id status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query JoinRequestQueue($status: JoinRequestStatus, $after: String) {\n    joinRequests(filter: { status: $status }, first: 50, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id company website reason status createdAt decisionReason applicant { displayName email } country { name } organization { name } } }\n    }\n    organizations(kind: VENDOR) { id name }\n  }\n"): (typeof documents)["\n  query JoinRequestQueue($status: JoinRequestStatus, $after: String) {\n    joinRequests(filter: { status: $status }, first: 50, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id company website reason status createdAt decisionReason applicant { displayName email } country { name } organization { name } } }\n    }\n    organizations(kind: VENDOR) { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveJoinRequest($input: ApproveJoinRequestInput!) { approveJoinRequest(input: $input) { id status } }\n"): (typeof documents)["\n  mutation ApproveJoinRequest($input: ApproveJoinRequestInput!) { approveJoinRequest(input: $input) { id status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectJoinRequest($id: ID!, $reason: String!) { rejectJoinRequest(id: $id, reason: $reason) { id status } }\n"): (typeof documents)["\n  mutation RejectJoinRequest($id: ID!, $reason: String!) { rejectJoinRequest(id: $id, reason: $reason) { id status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyJoinRequests {\n    myJoinRequests { id company status createdAt decisionReason country { name } organization { name } }\n    nations { code name }\n  }\n"): (typeof documents)["\n  query MyJoinRequests {\n    myJoinRequests { id company status createdAt decisionReason country { name } organization { name } }\n    nations { code name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestToJoin($input: RequestToJoinInput!) { requestToJoin(input: $input) { id status } }\n"): (typeof documents)["\n  mutation RequestToJoin($input: RequestToJoinInput!) { requestToJoin(input: $input) { id status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawJoinRequest($id: ID!) { withdrawJoinRequest(id: $id) { id status } }\n"): (typeof documents)["\n  mutation WithdrawJoinRequest($id: ID!) { withdrawJoinRequest(id: $id) { id status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StandardRelations($id: ID!, $title: String!, $scope: String!) {\n    standard(id: $id) { id relations { id kind note external { id body designation title } } }\n    duplicationCheck(title: $title, scope: $scope, first: 8) {\n      score sharedTerms\n      external { id body designation title }\n      standard { id designation title }\n    }\n  }\n"): (typeof documents)["\n  query StandardRelations($id: ID!, $title: String!, $scope: String!) {\n    standard(id: $id) { id relations { id kind note external { id body designation title } } }\n    duplicationCheck(title: $title, scope: $scope, first: 8) {\n      score sharedTerms\n      external { id body designation title }\n      standard { id designation title }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RelationCatalogueSearch($text: String!) {\n    externalStandards(text: $text, first: 10) { id body designation title }\n  }\n"): (typeof documents)["\n  query RelationCatalogueSearch($text: String!) {\n    externalStandards(text: $text, first: 10) { id body designation title }\n  }\n"];
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
export function graphql(source: "\n  query MatrixStandards {\n    standards(first: 50) { totalCount edges { node { id designation title } } }\n  }\n"): (typeof documents)["\n  query MatrixStandards {\n    standards(first: 50) { totalCount edges { node { id designation title } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InteroperabilityMatrix($standardIds: [ID!]!) {\n    interoperabilityMatrix(standardIds: $standardIds) {\n      conformant coverage\n      product { id name productVersion organization { name } }\n      standard { id designation }\n    }\n  }\n"): (typeof documents)["\n  query InteroperabilityMatrix($standardIds: [ID!]!) {\n    interoperabilityMatrix(standardIds: $standardIds) {\n      conformant coverage\n      product { id name productVersion organization { name } }\n      standard { id designation }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NeedRevisions($id: ID!) {\n    interoperabilityNeed(id: $id) {\n      id reference title statement missionArea priority status revision\n      raisedBy { id }\n      raisingNation { code }\n      revisions { number reason amendedAt amendedBy { displayName nation { code } } changes { field before after } }\n    }\n  }\n"): (typeof documents)["\n  query NeedRevisions($id: ID!) {\n    interoperabilityNeed(id: $id) {\n      id reference title statement missionArea priority status revision\n      raisedBy { id }\n      raisingNation { code }\n      revisions { number reason amendedAt amendedBy { displayName nation { code } } changes { field before after } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AmendNeed($input: AmendNeedInput!) {\n    amendNeed(input: $input) {\n      id title statement missionArea priority revision updatedAt\n      revisions { number reason amendedAt amendedBy { displayName nation { code } } changes { field before after } }\n    }\n  }\n"): (typeof documents)["\n  mutation AmendNeed($input: AmendNeedInput!) {\n    amendNeed(input: $input) {\n      id title statement missionArea priority revision updatedAt\n      revisions { number reason amendedAt amendedBy { displayName nation { code } } changes { field before after } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NeedPage($id: ID!) {\n    interoperabilityNeed(id: $id) {\n      id reference title statement missionArea priority visibility status rejectionReason supportCount supportedByMyNation createdAt statusChangedAt\n      raisingNation { code name }\n      raisedBy { id displayName }\n      sharingNations { code name }\n      supportingNations { code name }\n      standards { id designation title status }\n      history { from to reason at }\n    }\n  }\n"): (typeof documents)["\n  query NeedPage($id: ID!) {\n    interoperabilityNeed(id: $id) {\n      id reference title statement missionArea priority visibility status rejectionReason supportCount supportedByMyNation createdAt statusChangedAt\n      raisingNation { code name }\n      raisedBy { id displayName }\n      sharingNations { code name }\n      supportingNations { code name }\n      standards { id designation title status }\n      history { from to reason at }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NeedLinkCandidates($text: String) { standards(first: 20, filter: { text: $text }) { totalCount edges { node { id designation title status } } } }\n"): (typeof documents)["\n  query NeedLinkCandidates($text: String) { standards(first: 20, filter: { text: $text }) { totalCount edges { node { id designation title status } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SupportNeed($needId: ID!) { supportNeed(needId: $needId) { id status supportCount supportedByMyNation supportingNations { code name } } }"): (typeof documents)["mutation SupportNeed($needId: ID!) { supportNeed(needId: $needId) { id status supportCount supportedByMyNation supportingNations { code name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WithdrawNeedSupport($needId: ID!) { withdrawNeedSupport(needId: $needId) { id status supportCount supportedByMyNation supportingNations { code name } } }"): (typeof documents)["mutation WithdrawNeedSupport($needId: ID!) { withdrawNeedSupport(needId: $needId) { id status supportCount supportedByMyNation supportingNations { code name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AcceptNeed($needId: ID!) { acceptNeed(needId: $needId) { id status statusChangedAt history { from to reason at } } }"): (typeof documents)["mutation AcceptNeed($needId: ID!) { acceptNeed(needId: $needId) { id status statusChangedAt history { from to reason at } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RejectNeed($needId: ID!, $reason: String!) { rejectNeed(needId: $needId, reason: $reason) { id status rejectionReason statusChangedAt history { from to reason at } } }"): (typeof documents)["mutation RejectNeed($needId: ID!, $reason: String!) { rejectNeed(needId: $needId, reason: $reason) { id status rejectionReason statusChangedAt history { from to reason at } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CloseNeed($needId: ID!) { closeNeed(needId: $needId) { id status statusChangedAt history { from to reason at } } }"): (typeof documents)["mutation CloseNeed($needId: ID!) { closeNeed(needId: $needId) { id status statusChangedAt history { from to reason at } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MarkNeedAddressed($needId: ID!) { markNeedAddressed(needId: $needId) { id status statusChangedAt history { from to reason at } } }"): (typeof documents)["mutation MarkNeedAddressed($needId: ID!) { markNeedAddressed(needId: $needId) { id status statusChangedAt history { from to reason at } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation LinkStandardToNeed($needId: ID!, $standardId: ID!) { linkStandardToNeed(needId: $needId, standardId: $standardId) { id status standards { id designation title status } history { from to reason at } } }"): (typeof documents)["mutation LinkStandardToNeed($needId: ID!, $standardId: ID!) { linkStandardToNeed(needId: $needId, standardId: $standardId) { id status standards { id designation title status } history { from to reason at } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UnlinkStandardFromNeed($needId: ID!, $standardId: ID!) { unlinkStandardFromNeed(needId: $needId, standardId: $standardId) { id status standards { id designation title status } } }"): (typeof documents)["mutation UnlinkStandardFromNeed($needId: ID!, $standardId: ID!) { unlinkStandardFromNeed(needId: $needId, standardId: $standardId) { id status standards { id designation title status } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Needs($filter: InteroperabilityNeedFilter, $sort: NeedSort, $first: Int, $after: String) {\n    interoperabilityNeeds(filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id reference title missionArea priority status visibility supportCount supportedByMyNation createdAt } }\n    }\n  }\n"): (typeof documents)["\n  query Needs($filter: InteroperabilityNeedFilter, $sort: NeedSort, $first: Int, $after: String) {\n    interoperabilityNeeds(filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id reference title missionArea priority status visibility supportCount supportedByMyNation createdAt } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationPreferences { notificationPreferences { kind channel isDefault } }\n"): (typeof documents)["\n  query NotificationPreferences { notificationPreferences { kind channel isDefault } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateNotificationPreferences($preferences: [NotificationPreferenceInput!]!) {\n    updateNotificationPreferences(preferences: $preferences) { kind channel isDefault }\n  }\n"): (typeof documents)["\n  mutation UpdateNotificationPreferences($preferences: [NotificationPreferenceInput!]!) {\n    updateNotificationPreferences(preferences: $preferences) { kind channel isDefault }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FollowedStandard($id: ID!) { standard(id: $id) { id designation title } }"): (typeof documents)["query FollowedStandard($id: ID!) { standard(id: $id) { id designation title } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FollowedNeed($id: ID!) { interoperabilityNeed(id: $id) { id reference title } }"): (typeof documents)["query FollowedNeed($id: ID!) { interoperabilityNeed(id: $id) { id reference title } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyNotifications($unread: Boolean, $after: String) {\n    notifications(unread: $unread, first: 50, after: $after) {\n      totalCount unreadCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id kind title body link createdAt readAt } }\n    }\n  }\n"): (typeof documents)["\n  query MyNotifications($unread: Boolean, $after: String) {\n    notifications(unread: $unread, first: 50, after: $after) {\n      totalCount unreadCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id kind title body link createdAt readAt } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) }\n"): (typeof documents)["\n  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyOrganization {\n    me { id organization { id name website publicListing nation { name } } }\n    organizationInvitations { id email status createdAt expiresAt acceptedAt }\n  }\n"): (typeof documents)["\n  query MyOrganization {\n    me { id organization { id name website publicListing nation { name } } }\n    organizationInvitations { id email status createdAt expiresAt acceptedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InviteToOrganization($email: String!) { inviteToOrganization(input: { email: $email }) { id } }\n"): (typeof documents)["\n  mutation InviteToOrganization($email: String!) { inviteToOrganization(input: { email: $email }) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeInvitation($id: ID!) { revokeInvitation(id: $id) { id status } }\n"): (typeof documents)["\n  mutation RevokeInvitation($id: ID!) { revokeInvitation(id: $id) { id status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetPublicListing($listed: Boolean!) { setPublicListing(listed: $listed) { id publicListing } }\n"): (typeof documents)["\n  mutation SetPublicListing($listed: Boolean!) { setPublicListing(listed: $listed) { id publicListing } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProductPage($id: ID!) {\n    product(id: $id) { id name productVersion description organization { id name } }\n  }\n"): (typeof documents)["\n  query ProductPage($id: ID!) {\n    product(id: $id) { id name productVersion description organization { id name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProductStandardCandidates($text: String) { standards(first: 20, filter: { text: $text }) { totalCount edges { node { id designation title } } } }\n"): (typeof documents)["\n  query ProductStandardCandidates($text: String) { standards(first: 20, filter: { text: $text }) { totalCount edges { node { id designation title } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProductPickedStandard($id: ID!) {\n    standard(id: $id) { id designation title currentVersion { id number } currentEdition { label version { id number } } versions { id number } }\n  }\n"): (typeof documents)["\n  query ProductPickedStandard($id: ID!) {\n    standard(id: $id) { id designation title currentVersion { id number } currentEdition { label version { id number } } versions { id number } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProductClaims($productId: ID!, $standardId: ID!, $versionId: ID!) {\n    product(id: $productId) { id claims(standardId: $standardId) { id requirementKey level evidence stale updatedAt version { id number } } }\n    standardVersion(id: $versionId) { id number requirements { key clause obligation text } }\n    conformanceReport(productId: $productId, standardId: $standardId, versionId: $versionId) {\n      conformant coverage mandatoryMet mandatoryTotal\n      gaps { key clause text }\n      staleClaims { requirementKey }\n    }\n  }\n"): (typeof documents)["\n  query ProductClaims($productId: ID!, $standardId: ID!, $versionId: ID!) {\n    product(id: $productId) { id claims(standardId: $standardId) { id requirementKey level evidence stale updatedAt version { id number } } }\n    standardVersion(id: $versionId) { id number requirements { key clause obligation text } }\n    conformanceReport(productId: $productId, standardId: $standardId, versionId: $versionId) {\n      conformant coverage mandatoryMet mandatoryTotal\n      gaps { key clause text }\n      staleClaims { requirementKey }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProvisionRedline($from: ID!, $to: ID!) {\n    redline(fromVersionId: $from, toVersionId: $to) { requirementChanges { key change before after } }\n  }\n"): (typeof documents)["\n  query ProvisionRedline($from: ID!, $to: ID!) {\n    redline(fromVersionId: $from, toVersionId: $to) { requirementChanges { key change before after } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetConformance($input: SetConformanceInput!) {\n    setConformance(input: $input) { id requirementKey level }\n  }\n"): (typeof documents)["\n  mutation SetConformance($input: SetConformanceInput!) {\n    setConformance(input: $input) { id requirementKey level }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProduct($id: ID!, $input: UpdateProductInput!) {\n    updateProduct(id: $id, input: $input) { id name productVersion description }\n  }\n"): (typeof documents)["\n  mutation UpdateProduct($id: ID!, $input: UpdateProductInput!) {\n    updateProduct(id: $id, input: $input) { id name productVersion description }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyProducts {\n    products { id name productVersion description organization { name } claims { id stale } }\n  }\n"): (typeof documents)["\n  query MyProducts {\n    products { id name productVersion description organization { name } claims { id stale } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterProduct($input: RegisterProductInput!) {\n    registerProduct(input: $input) { id }\n  }\n"): (typeof documents)["\n  mutation RegisterProduct($input: RegisterProductInput!) {\n    registerProduct(input: $input) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MySessions { mySessions { id createdAt lastUsedAt userAgent ip current } }\n"): (typeof documents)["\n  query MySessions { mySessions { id createdAt lastUsedAt userAgent ip current } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeSession($id: ID!) { revokeSession(id: $id) }\n"): (typeof documents)["\n  mutation RevokeSession($id: ID!) { revokeSession(id: $id) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOutEverywhere { signOutEverywhere }\n"): (typeof documents)["\n  mutation SignOutEverywhere { signOutEverywhere }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) { changePassword(currentPassword: $currentPassword, newPassword: $newPassword) }\n"): (typeof documents)["\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) { changePassword(currentPassword: $currentPassword, newPassword: $newPassword) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DuplicationCheck($title: String!, $scope: String!) {\n    duplicationCheck(title: $title, scope: $scope, first: 8) {\n      score sharedTerms\n      external { id designation title body url status }\n      standard { id designation title }\n      replacedBy { id body designation }\n    }\n  }\n"): (typeof documents)["\n  query DuplicationCheck($title: String!, $scope: String!) {\n    duplicationCheck(title: $title, scope: $scope, first: 8) {\n      score sharedTerms\n      external { id designation title body url status }\n      standard { id designation title }\n      replacedBy { id body designation }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SimilarNeeds($title: String!, $scope: String!) {\n    similarNeeds(title: $title, scope: $scope, first: 5) { score need { id reference title status supportCount } }\n  }\n"): (typeof documents)["\n  query SimilarNeeds($title: String!, $scope: String!) {\n    similarNeeds(title: $title, scope: $scope, first: 5) { score need { id reference title status supportCount } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProposeOpenNeeds($text: String) {\n    raised: interoperabilityNeeds(first: 20, filter: { status: RAISED, text: $text }) { totalCount edges { node { id reference title supportCount } } }\n    accepted: interoperabilityNeeds(first: 20, filter: { status: ACCEPTED, text: $text }) { totalCount edges { node { id reference title supportCount } } }\n  }\n"): (typeof documents)["\n  query ProposeOpenNeeds($text: String) {\n    raised: interoperabilityNeeds(first: 20, filter: { status: RAISED, text: $text }) { totalCount edges { node { id reference title supportCount } } }\n    accepted: interoperabilityNeeds(first: 20, filter: { status: ACCEPTED, text: $text }) { totalCount edges { node { id reference title supportCount } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProposeStandard($input: ProposeStandardInput!) {\n    proposeStandard(input: $input) { id designation }\n  }\n"): (typeof documents)["\n  mutation ProposeStandard($input: ProposeStandardInput!) {\n    proposeStandard(input: $input) { id designation }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProviderDirectory($filter: ProviderFilter, $after: String) {\n    providers(filter: $filter, first: 40, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id name website publicListing country { name } products { id name productVersion } standards { standardId designation title conformantProducts } } }\n    }\n    nations { code name }\n  }\n"): (typeof documents)["\n  query ProviderDirectory($filter: ProviderFilter, $after: String) {\n    providers(filter: $filter, first: 40, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id name website publicListing country { name } products { id name productVersion } standards { standardId designation title conformantProducts } } }\n    }\n    nations { code name }\n  }\n"];
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
export function graphql(source: "query RaiseNeedNations { nations { code name } }"): (typeof documents)["query RaiseNeedNations { nations { code name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RaiseNeed($input: RaiseNeedInput!) {\n    raiseNeed(input: $input) { id reference }\n  }\n"): (typeof documents)["\n  mutation RaiseNeed($input: RaiseNeedInput!) {\n    raiseNeed(input: $input) { id reference }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Redline($from: ID!, $to: ID!) {\n    redline(fromVersionId: $from, toVersionId: $to) {\n      html unified\n      stats { changedClauses wordsInserted wordsDeleted }\n      requirementChanges { key change before after }\n      from { id number }\n      to { id number }\n    }\n  }\n"): (typeof documents)["\n  query Redline($from: ID!, $to: ID!) {\n    redline(fromVersionId: $from, toVersionId: $to) {\n      html unified\n      stats { changedClauses wordsInserted wordsDeleted }\n      requirementChanges { key change before after }\n      from { id number }\n      to { id number }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Register($input: RegisterInput!) { register(input: $input) { id email } }\n"): (typeof documents)["\n  mutation Register($input: RegisterInput!) { register(input: $input) { id email } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPasswordReset($email: String!) { requestPasswordReset(email: $email) }\n"): (typeof documents)["\n  mutation RequestPasswordReset($email: String!) { requestPasswordReset(email: $email) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($email: String!, $code: String!, $newPassword: String!) { resetPassword(email: $email, code: $code, newPassword: $newPassword) }\n"): (typeof documents)["\n  mutation ResetPassword($email: String!, $code: String!, $newPassword: String!) { resetPassword(email: $email, code: $code, newPassword: $newPassword) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RoundPage($id: ID!) {\n    commentRound(id: $id) {\n      id title status opensAt closesAt\n      standard { id designation title }\n      version { id number text }\n      submissions { nation { code } submittedAt commentCount }\n    }\n  }\n"): (typeof documents)["\n  query RoundPage($id: ID!) {\n    commentRound(id: $id) {\n      id title status opensAt closesAt\n      standard { id designation title }\n      version { id number text }\n      submissions { nation { code } submittedAt commentCount }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RoundComments($id: ID!, $after: String, $filter: CommentFilter) {\n    commentRound(id: $id) {\n      id\n      comments(first: 50, after: $after, filter: $filter) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node { id number clause lineFrom lineTo paragraph quote type body proposedChange status nation { code } author { id displayName } updatedAt } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RoundComments($id: ID!, $after: String, $filter: CommentFilter) {\n    commentRound(id: $id) {\n      id\n      comments(first: 50, after: $after, filter: $filter) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node { id number clause lineFrom lineTo paragraph quote type body proposedChange status nation { code } author { id displayName } updatedAt } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddComment($input: AddCommentInput!) { addComment(input: $input) { id } }\n"): (typeof documents)["\n  mutation AddComment($input: AddCommentInput!) { addComment(input: $input) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateComment($id: ID!, $input: UpdateCommentInput!) { updateComment(id: $id, input: $input) { id } }\n"): (typeof documents)["\n  mutation UpdateComment($id: ID!, $input: UpdateCommentInput!) { updateComment(id: $id, input: $input) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteComment($id: ID!) { deleteComment(id: $id) }\n"): (typeof documents)["\n  mutation DeleteComment($id: ID!) { deleteComment(id: $id) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportComments($roundId: ID!, $csv: String!) { importComments(roundId: $roundId, csv: $csv) { imported errors } }\n"): (typeof documents)["\n  mutation ImportComments($roundId: ID!, $csv: String!) { importComments(roundId: $roundId, csv: $csv) { imported errors } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitNationalComments($roundId: ID!) { submitNationalComments(roundId: $roundId) { commentCount submittedAt } }\n"): (typeof documents)["\n  mutation SubmitNationalComments($roundId: ID!) { submitNationalComments(roundId: $roundId) { commentCount submittedAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CommentAdded($roundId: ID!) { commentAdded(roundId: $roundId) { id nation { code } author { id displayName } } }\n"): (typeof documents)["\n  subscription CommentAdded($roundId: ID!) { commentAdded(roundId: $roundId) { id nation { code } author { id displayName } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) { accessToken expiresAt }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) { accessToken expiresAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EditorCandidates($text: String!) {\n    users(filter: { text: $text, deactivated: false }, first: 8) { edges { node { id displayName email nation { code } } } }\n  }\n"): (typeof documents)["\n  query EditorCandidates($text: String!) {\n    users(filter: { text: $text, deactivated: false }, first: 8) { edges { node { id displayName email nation { code } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddEditor($standardId: ID!, $userId: ID!) { addEditor(standardId: $standardId, userId: $userId) { id editors { id } } }\n"): (typeof documents)["\n  mutation AddEditor($standardId: ID!, $userId: ID!) { addEditor(standardId: $standardId, userId: $userId) { id editors { id } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveEditor($standardId: ID!, $userId: ID!) { removeEditor(standardId: $standardId, userId: $userId) { id editors { id } } }\n"): (typeof documents)["\n  mutation RemoveEditor($standardId: ID!, $userId: ID!) { removeEditor(standardId: $standardId, userId: $userId) { id editors { id } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StandardPage($id: ID!) {\n    standard(id: $id) {\n      id designation title scope status visibility overlapJustification createdAt updatedAt\n      editors { id displayName nation { code } }\n      versions { id number label summary createdAt stage author { displayName } }\n      relations { id kind note external { id designation title body url } }\n      commentRounds { id title status closesAt version { number } }\n      currentEdition { label url }\n      stage cancelledAt cancellationReason supersededAt supersessionReason supersededBy { id designation }\n      ratifiedEdition: currentEdition {\n        label versionNumber correctionReason\n        currentRatification { nation { code name } response implementationDate reservations { clause text } }\n        ratificationChanges { id changedAt kind response implementationDate nation { code name } withdrawnReservation { clause text } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query StandardPage($id: ID!) {\n    standard(id: $id) {\n      id designation title scope status visibility overlapJustification createdAt updatedAt\n      editors { id displayName nation { code } }\n      versions { id number label summary createdAt stage author { displayName } }\n      relations { id kind note external { id designation title body url } }\n      commentRounds { id title status closesAt version { number } }\n      currentEdition { label url }\n      stage cancelledAt cancellationReason supersededAt supersessionReason supersededBy { id designation }\n      ratifiedEdition: currentEdition {\n        label versionNumber correctionReason\n        currentRatification { nation { code name } response implementationDate reservations { clause text } }\n        ratificationChanges { id changedAt kind response implementationDate nation { code name } withdrawnReservation { clause text } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VersionText($id: ID!) {\n    standardVersion(id: $id) {\n      id number text\n      clauses { number title level line }\n      requirements { key obligation clause line text change }\n    }\n  }\n"): (typeof documents)["\n  query VersionText($id: ID!) {\n    standardVersion(id: $id) {\n      id number text\n      clauses { number title level line }\n      requirements { key obligation clause line text change }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateStandard($input: UpdateStandardInput!) {\n    updateStandard(input: $input) { id title scope visibility updatedAt }\n  }\n"): (typeof documents)["\n  mutation UpdateStandard($input: UpdateStandardInput!) {\n    updateStandard(input: $input) { id title scope visibility updatedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Standards($filter: StandardFilter, $first: Int, $after: String) {\n    standards(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id designation title status visibility updatedAt currentVersion { number } } }\n    }\n    nations { code name }\n  }\n"): (typeof documents)["\n  query Standards($filter: StandardFilter, $first: Int, $after: String) {\n    standards(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id designation title status visibility updatedAt currentVersion { number } } }\n    }\n    nations { code name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchSnippets($query: String!) {\n    search(query: $query, first: 25) { snippet standard { id } }\n  }\n"): (typeof documents)["\n  query SearchSnippets($query: String!) {\n    search(query: $query, first: 25) { snippet standard { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyEmail($email: String!, $code: String!) { verifyEmail(email: $email, code: $code) }\n"): (typeof documents)["\n  mutation VerifyEmail($email: String!, $code: String!) { verifyEmail(email: $email, code: $code) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResendVerificationCode($email: String!) { resendVerificationCode(email: $email) }\n"): (typeof documents)["\n  mutation ResendVerificationCode($email: String!) { resendVerificationCode(email: $email) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MySubscriptions { mySubscriptions { id standardId needId missionArea } }\n"): (typeof documents)["\n  query MySubscriptions { mySubscriptions { id standardId needId missionArea } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FollowTopic($standardId: ID, $needId: ID, $missionArea: MissionArea) {\n    subscribe(input: { standardId: $standardId, needId: $needId, missionArea: $missionArea }) { subscription { id standardId needId missionArea } }\n  }\n"): (typeof documents)["\n  mutation FollowTopic($standardId: ID, $needId: ID, $missionArea: MissionArea) {\n    subscribe(input: { standardId: $standardId, needId: $needId, missionArea: $missionArea }) { subscription { id standardId needId missionArea } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnfollowTopic($standardId: ID, $needId: ID, $missionArea: MissionArea) {\n    unsubscribe(input: { standardId: $standardId, needId: $needId, missionArea: $missionArea })\n  }\n"): (typeof documents)["\n  mutation UnfollowTopic($standardId: ID, $needId: ID, $missionArea: MissionArea) {\n    unsubscribe(input: { standardId: $standardId, needId: $needId, missionArea: $missionArea })\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;