/* eslint-disable no-console -- the matrix is printed in the test output */
import { after, before, describe, it } from 'node:test';
import { ModulesContainer } from '@nestjs/core';
import { GraphQLSchemaHost, RESOLVER_NAME_METADATA, RESOLVER_PROPERTY_METADATA } from '@nestjs/graphql';
import { expect } from 'expect';
import { GraphQLObjectType } from 'graphql';
import { ADMIN, createTestApp, PASSWORD, TestApp } from './helpers/app';
import { cast, dbNow, draft, openBallot, TEXT } from './helpers/ratification';

/**
 * Every query, mutation and field resolver of the schema, called by every kind
 * of caller, against a table of who may do what. The operations are read from
 * the running schema, so a new operation without a row here fails the test.
 *
 * Cells: a = allowed (answered, or refused for a reason other than access:
 * INVALID_STATE, BAD_USER_INPUT, CONFLICT...), U = UNAUTHENTICATED,
 * F = FORBIDDEN, N = NOT_FOUND, 0 = answered null (hidden without an error).
 * A field resolver is probed through a query that reaches its parent; the cell
 * is what became of that field. INTERNAL_SERVER_ERROR fails the test in any cell.
 */
const CALLERS = ['anon', 'ADMIN', 'SECRETARIAT', 'EXPERT', 'DELEGATE', 'VENDOR', 'EXPERT/DEU', 'VENDOR/B'] as const;
type CallerName = (typeof CALLERS)[number];

type Fx = Record<string, any>;
interface Row {
  /** Query text; $variables come from vars. */
  q: string;
  vars?: (fx: Fx, who: CallerName) => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Field resolvers: the path of the probed field inside the answer. */
  path?: string[];
  /** Calls that end the caller's session run with a token of their own. */
  ownSession?: boolean;
  expect: string;
}

const uuid0 = '00000000-0000-4000-8000-000000000000';
let serial = 0;
const unique = (p: string) => `${p}-${process.pid}-${++serial}`;

const QUERIES: Record<string, Row> = {
  auditEvents: { q: `{ auditEvents(first:5){ totalCount } }`, expect: 'U a a F F F F F' },
  ballot: { q: `query($id:ID!){ ballot(id:$id){ id } }`, vars: (fx) => ({ id: fx.openBallotId }), expect: 'U a a a a a a a' },
  comment: { q: `query($id:ID!){ comment(id:$id){ id } }`, vars: (fx) => ({ id: fx.commentId }), expect: 'U N N a a N N N' },
  commentRound: { q: `query($id:ID!){ commentRound(id:$id){ id } }`, vars: (fx) => ({ id: fx.roundId }), expect: 'U N a a a N a N' },
  conformanceReport: {
    q: `query($p:ID!,$s:ID!){ conformanceReport(productId:$p,standardId:$s){ conformant } }`,
    vars: (fx) => ({ p: fx.productId, s: fx.publishedId }),
    expect: 'U a a a a a a N',
  },
  duplicationCheck: { q: `{ duplicationCheck(scope:"orbital data exchange", title:"Orbital data"){ score } }`, expect: 'U a a a a a a a' },
  similarNeeds: { q: `{ similarNeeds(title:"Matrix need", scope:"a need of the matrix"){ score } }`, expect: 'U a a a a a a a' },
  edition: { q: `query($id:ID!){ edition(id:$id){ id } }`, vars: (fx) => ({ id: fx.editionId }), expect: 'a a a a a a a a' },
  externalStandards: { q: `{ externalStandards{ id } }`, expect: 'U a a a a a a a' },
  interoperabilityMatrix: {
    q: `query($s:[ID!]!){ interoperabilityMatrix(standardIds:$s){ coverage } }`,
    vars: (fx) => ({ s: [fx.publishedId] }),
    expect: 'U a a a a a a a',
  },
  interoperabilityNeeds: { q: `{ interoperabilityNeeds(first:5){ totalCount } }`, expect: 'a a a a a a a a' },
  // A NATIONS need: hidden (null) from anonymous readers and vendors.
  interoperabilityNeed: { q: `query($id:ID!){ interoperabilityNeed(id:$id){ id } }`, vars: (fx) => ({ id: fx.nationsNeedId }), expect: '0 a a a a 0 a 0' },
  me: { q: `{ me { id } }`, expect: '0 a a a a a a a' },
  mySessions: { q: `{ mySessions { id } }`, expect: 'U a a a a a a a' },
  mySubscriptions: { q: `{ mySubscriptions { id } }`, expect: 'U a a a a a a a' },
  notificationPreferences: { q: `{ notificationPreferences { kind channel } }`, expect: 'U a a a a a a a' },
  notifications: { q: `{ notifications(first:5, unread:true){ totalCount unreadCount } }`, expect: 'U a a a a a a a' },
  myWork: { q: `{ myWork { editing { id } } }`, expect: 'U a a a a a a a' },
  nations: { q: `{ nations { code } }`, expect: 'a a a a a a a a' },
  organizations: { q: `{ organizations { id } }`, expect: 'U a a a a a a a' },
  joinRequests: { q: `{ joinRequests(filter:{ status:PENDING }){ totalCount } }`, expect: 'U F a F F F F F' },
  myJoinRequests: { q: `{ myJoinRequests { id } }`, expect: 'U a a a a a a a' },
  // Only a VENDOR_ADMIN, which none of these callers is (see onboarding.e2e-spec.ts for one).
  organizationInvitations: { q: `{ organizationInvitations { id } }`, expect: 'U F F F F F F F' },
  invitation: { q: `query($t:String!){ invitation(token:$t){ status } }`, vars: (fx) => ({ t: fx.invitationToken }), expect: 'a a a a a a a a' },
  providers: { q: `{ providers(first:5){ totalCount } }`, expect: 'a a a a a a a a' },
  personalAccessTokens: { q: `{ personalAccessTokens { id } }`, expect: 'U a a a a a a a' },
  // Only a VENDOR_ADMIN, which none of these callers is (see personal-access-tokens.e2e-spec.ts for one).
  organizationAccessTokens: { q: `{ organizationAccessTokens { id } }`, expect: 'U F F F F F F F' },
  webhookDeliveries: { q: `query($id:ID!){ webhookDeliveries(webhookId:$id){ id } }`, vars: (fx) => ({ id: fx.webhookId }), expect: 'U a F F F a F N' },
  webhooks: { q: `query($o:ID!){ webhooks(organizationId:$o){ id } }`, vars: (fx) => ({ o: fx.orgA }), expect: 'U a F F F a F F' },
  product: { q: `query($id:ID!){ product(id:$id){ id } }`, vars: (fx) => ({ id: fx.productId }), expect: 'U a a a a a a N' },
  products: { q: `{ products { id } }`, expect: 'U a a a a a a a' },
  publishedEditions: { q: `{ publishedEditions { id } }`, expect: 'a a a a a a a a' },
  redline: { q: `query($a:ID!,$b:ID!){ redline(fromVersionId:$a,toVersionId:$b){ html } }`, vars: (fx) => ({ a: fx.v1, b: fx.v2 }), expect: 'U a a a a a a a' },
  search: { q: `{ search(query:"tracking"){ snippet } }`, expect: 'U a a a a a a a' },
  standard: { q: `query($id:ID!){ standard(id:$id){ id } }`, vars: (fx) => ({ id: fx.standardId }), expect: 'U a a a a a a a' },
  standardVersion: { q: `query($id:ID!){ standardVersion(id:$id){ id } }`, vars: (fx) => ({ id: fx.v1 }), expect: 'U a a a a a a a' },
  standards: { q: `{ standards(first:5){ totalCount } }`, expect: 'U a a a a a a a' },
  users: { q: `{ users(first:5){ totalCount } }`, expect: 'U a a F F F F F' },
};

const MUTATIONS: Record<string, Row> = {
  addComment: {
    q: `mutation($i:AddCommentInput!){ addComment(input:$i){ id } }`,
    vars: (fx) => ({ i: { roundId: fx.roundId, type: 'GENERAL', body: 'A comment from the matrix.' } }),
    expect: 'U F F a a F a F',
  },
  addEditor: { q: `mutation($s:ID!,$u:ID!){ addEditor(standardId:$s,userId:$u){ id } }`, vars: (fx) => ({ s: fx.standardId, u: fx.ids.EXPERT }), expect: 'U F a F F F F F' },
  addExternalStandard: {
    q: `mutation($i:ExternalStandardInput!){ addExternalStandard(input:$i){ id } }`,
    vars: () => ({ i: { body: 'ISO', designation: unique('ISO'), title: 'An external standard' } }),
    expect: 'U F a F F F F F',
  },
  cancelStandard: {
    q: `mutation($s:ID!){ cancelStandard(standardId:$s, reason:"Not needed."){ id } }`,
    vars: async (fx) => ({ s: (await fx.propose()).id }),
    expect: 'U F a F F F F F',
  },
  castResponse: {
    q: `mutation($i:CastResponseInput!){ castResponse(input:$i){ response } }`,
    vars: (fx) => ({ i: { ballotId: fx.openBallotId, response: 'RATIFIED_IMPLEMENTING' } }),
    expect: 'U F F F a F F F',
  },
  changeImplementation: {
    q: `mutation($i:ChangeImplementationInput!){ changeImplementation(input:$i){ id } }`,
    vars: (fx) => ({ i: { editionId: fx.editionId, response: 'RATIFIED_IMPLEMENTING', implementationDate: '2026-06-01T00:00:00.000Z' } }),
    expect: 'U F F F a F F F',
  },
  changePassword: {
    q: `mutation($p:String!){ changePassword(currentPassword:$p, newPassword:$p) }`,
    vars: (_fx, who) => ({ p: who === 'ADMIN' ? ADMIN.password : PASSWORD }),
    ownSession: true,
    expect: 'U a a a a a a a',
  },
  extendBallot: {
    q: `mutation($b:ID!,$c:DateTime!){ extendBallot(ballotId:$b, closesAt:$c, reason:"More time for the nations."){ id } }`,
    vars: (fx) => ({ b: fx.openBallotId, c: new Date(Date.parse(fx.later) + 7 * 86_400_000).toISOString() }),
    expect: 'U F a F F F F F',
  },
  // The digest (email) is anyone's and confirmed by mail; a topic needs a sign-in. Every notification operation is the caller's own.
  confirmSubscription: { q: `mutation{ confirmSubscription(token:"not-a-token") }`, expect: 'a a a a a a a a' },
  markNotificationsRead: { q: `mutation{ markNotificationsRead(input:{ all:true }) }`, expect: 'U a a a a a a a' },
  subscribe: { q: `mutation{ subscribe(input:{ missionArea:PNT }){ subscription { id } } }`, expect: 'U a a a a a a a' },
  unsubscribe: { q: `mutation{ unsubscribe(input:{ missionArea:PNT }) }`, expect: 'U a a a a a a a' },
  updateNotificationPreferences: {
    q: `mutation{ updateNotificationPreferences(preferences:[{ kind:CLAIM_STALE, channel:IN_APP }]){ kind channel } }`,
    expect: 'U a a a a a a a',
  },
  closeBallot: { q: `mutation($id:ID!){ closeBallot(ballotId:$id){ id } }`, vars: (fx) => ({ id: fx.closedBallotId }), expect: 'U F a F F F F F' },
  closeCommentRound: { q: `mutation($id:ID!){ closeCommentRound(roundId:$id){ id } }`, vars: (fx) => ({ id: fx.otherRoundId }), expect: 'U F a F F F F F' },
  createOrganization: {
    q: `mutation($i:CreateOrganizationInput!){ createOrganization(input:$i){ id } }`,
    vars: () => ({ i: { name: unique('Org'), kind: 'VENDOR' } }),
    expect: 'U a F F F F F F',
  },
  requestToJoin: {
    q: `mutation($i:RequestToJoinInput!){ requestToJoin(input:$i){ id } }`,
    vars: () => ({ i: { company: unique('Joiner'), nationCode: 'FRA', website: 'https://joiner.example.com', reason: 'From the matrix.' } }),
    expect: 'U a a a a a a a',
  },
  withdrawJoinRequest: { q: `mutation($id:ID!){ withdrawJoinRequest(id:$id){ id } }`, vars: (fx) => ({ id: fx.rejectJoinId }), expect: 'U N N N N N N N' },
  approveJoinRequest: { q: `mutation($id:ID!){ approveJoinRequest(input:{ id:$id }){ id } }`, vars: (fx) => ({ id: fx.approveJoinId }), expect: 'U F a F F F F F' },
  rejectJoinRequest: { q: `mutation($id:ID!){ rejectJoinRequest(id:$id, reason:"Not an Allied company."){ id } }`, vars: (fx) => ({ id: fx.rejectJoinId }), expect: 'U F a F F F F F' },
  inviteToOrganization: { q: `mutation{ inviteToOrganization(input:{ email:"colleague@test.example" }){ id } }`, expect: 'U F F F F F F F' },
  revokeInvitation: { q: `mutation($id:ID!){ revokeInvitation(id:$id){ id } }`, vars: () => ({ id: uuid0 }), expect: 'U F F F F F F F' },
  acceptInvitation: { q: `mutation{ acceptInvitation(token:"not-a-token"){ id } }`, expect: 'U N N N N N N N' },
  setPublicListing: { q: `mutation{ setPublicListing(listed:true){ id } }`, expect: 'U F F F F F F F' },
  createPersonalAccessToken: {
    q: `mutation($i:CreatePersonalAccessTokenInput!){ createPersonalAccessToken(input:$i){ personalAccessToken { id } } }`,
    vars: () => ({ i: { name: unique('CI'), scopes: ['standards:read'] } }),
    expect: 'U a a a a a a a',
  },
  createOrganizationAccessToken: {
    q: `mutation($i:CreatePersonalAccessTokenInput!){ createOrganizationAccessToken(input:$i){ personalAccessToken { id } } }`,
    vars: () => ({ i: { name: unique('CI'), scopes: ['standards:read'] } }),
    expect: 'U F F F F F F F',
  },
  registerWebhook: {
    q: `mutation($o:ID!){ registerWebhook(input:{ organizationId:$o, url:"https://hooks.example.com/ssw", events:["claim.stale"] }){ webhook { id } } }`,
    vars: (fx) => ({ o: fx.orgA }),
    expect: 'U a F F F a F F',
  },
  resendWebhookDelivery: { q: `mutation($id:ID!){ resendWebhookDelivery(id:$id){ id } }`, vars: (fx) => ({ id: fx.deliveryId }), expect: 'U a F F F a F N' },
  setWebhookEnabled: { q: `mutation($id:ID!){ setWebhookEnabled(id:$id, enabled:false){ id } }`, vars: (fx) => ({ id: fx.webhookId }), expect: 'U a F F F a F N' },
  createVersion: {
    q: `mutation($i:CreateVersionInput!){ createVersion(input:$i){ id } }`,
    vars: async (fx) => ({ i: { standardId: fx.standardId, baseVersionId: await fx.current(), text: `# Title\n\n## 1 Scope\n\nText ${unique('v')}.\n` } }),
    expect: 'U F a a F F F F',
  },
  deactivateUser: { q: `mutation($u:ID!){ deactivateUser(userId:$u){ id } }`, vars: (fx) => ({ u: fx.ids.target }), expect: 'U a F F F F F F' },
  deleteComment: {
    q: `mutation($id:ID!){ deleteComment(id:$id) }`,
    vars: async (fx) => ({ id: await fx.comment() }),
    expect: 'U F F a F F N F',
  },
  grantRole: {
    q: `mutation($i:GrantRoleInput!){ grantRole(input:$i){ id } }`,
    vars: (fx) => ({ i: { userId: fx.ids.target, role: 'EXPERT', nationCode: 'ITA' } }),
    expect: 'U a F F F F F F',
  },
  importComments: {
    q: `mutation($id:ID!){ importComments(roundId:$id, csv:"nothing,useful"){ imported } }`,
    vars: (fx) => ({ id: fx.roundId }),
    expect: 'U F F a a F a F',
  },
  login: {
    q: `mutation($e:String!,$p:String!){ login(email:$e,password:$p){ accessToken } }`,
    vars: (fx) => ({ e: fx.emails.login, p: PASSWORD }),
    expect: 'a a a a a a a a',
  },
  openBallot: {
    q: `mutation($i:OpenBallotInput!){ openBallot(input:$i){ id } }`,
    vars: (fx) => ({ i: { standardId: fx.openBallotStandardId, versionId: fx.openBallotVersionId, closesAt: fx.later, threshold: 1 } }),
    expect: 'U F a F F F F F',
  },
  openCommentRound: {
    q: `mutation($i:OpenCommentRoundInput!){ openCommentRound(input:$i){ id } }`,
    vars: (fx) => ({ i: { standardId: fx.standardId, versionId: fx.v2, title: 'Again', closesAt: fx.later } }),
    expect: 'U F a F F F F F',
  },
  raiseNeed: {
    q: `mutation($i:RaiseNeedInput!){ raiseNeed(input:$i){ id } }`,
    vars: () => ({ i: { title: unique('Matrix need'), statement: 'Raised by the matrix.', missionArea: 'SATCOM', priority: 'LOW', visibility: 'PUBLIC' } }),
    expect: 'U F a a a F a F',
  },
  // A fresh RAISED need of FRA's expert: the raiser and FRA's delegate amend it, the secretariat too; DEU's expert may not.
  amendNeed: {
    q: `mutation($i:AmendNeedInput!){ amendNeed(input:$i){ id revision } }`,
    vars: async (fx) => ({ i: { needId: await fx.raise('PUBLIC', fx.tokens.EXPERT), expectedRevision: 0, title: unique('Matrix amended need') } }),
    expect: 'U F a a a F F F',
  },
  supportNeed: { q: `mutation($id:ID!){ supportNeed(needId:$id){ id } }`, vars: async (fx) => ({ id: await fx.need() }), expect: 'U F F a a F a F' },
  withdrawNeedSupport: {
    q: `mutation($id:ID!){ withdrawNeedSupport(needId:$id){ id } }`,
    vars: async (fx, who) => ({ id: await fx.need(['EXPERT', 'DELEGATE', 'EXPERT/DEU'].includes(who) ? fx.tokens[who] : undefined) }),
    expect: 'U F F a a F a F',
  },
  acceptNeed: { q: `mutation($id:ID!){ acceptNeed(needId:$id){ id } }`, vars: async (fx) => ({ id: await fx.need() }), expect: 'U F a F F F F F' },
  rejectNeed: { q: `mutation($id:ID!){ rejectNeed(needId:$id, reason:"Matrix says no."){ id } }`, vars: async (fx) => ({ id: await fx.need() }), expect: 'U F a F F F F F' },
  markNeedAddressed: { q: `mutation($id:ID!){ markNeedAddressed(needId:$id){ id } }`, vars: async (fx) => ({ id: await fx.need(undefined, 'LINKED') }), expect: 'U F a F F F F F' },
  closeNeed: { q: `mutation($id:ID!){ closeNeed(needId:$id){ id } }`, vars: async (fx) => ({ id: await fx.need(undefined, 'ADDRESSED') }), expect: 'U F a F F F F F' },
  linkStandardToNeed: {
    q: `mutation($id:ID!,$s:ID!){ linkStandardToNeed(needId:$id, standardId:$s){ id } }`,
    vars: async (fx) => ({ id: await fx.need(), s: fx.standardId }),
    expect: 'U F a F F F F F',
  },
  unlinkStandardFromNeed: {
    q: `mutation($id:ID!,$s:ID!){ unlinkStandardFromNeed(needId:$id, standardId:$s){ id } }`,
    vars: async (fx) => ({ id: await fx.need(undefined, 'LINKED'), s: fx.standardId }),
    expect: 'U F a F F F F F',
  },
  proposeStandard: {
    q: `mutation($i:ProposeStandardInput!){ proposeStandard(input:$i){ id } }`,
    vars: () => ({ i: { designation: unique('MX'), title: 'Matrix proposal', scope: 'A scope for the matrix.', visibility: 'PUBLIC', overlapJustification: 'Matrix fixture: overlaps are expected here.' } }),
    expect: 'U F a a a F a F',
  },
  // The text as published: refused as nothing to correct, so the edition stays in force for the rows below.
  promulgateCorrection: {
    q: `mutation($i:PromulgateCorrectionInput!){ promulgateCorrection(input:$i){ id } }`,
    vars: (fx) => ({ i: { editionId: fx.editionId, text: TEXT, reason: 'Typographical corrections.' } }),
    expect: 'U F a F F F F F',
  },
  ratifyEdition: {
    q: `mutation($i:RatifyEditionInput!){ ratifyEdition(input:$i){ id } }`,
    vars: (fx) => ({ i: { editionId: fx.editionId, response: 'RATIFIED_NOT_IMPLEMENTING' } }),
    expect: 'U F F F a F F F',
  },
  publishEdition: { q: `mutation($id:ID!){ publishEdition(ballotId:$id){ id } }`, vars: (fx) => ({ id: fx.closedBallotId }), expect: 'U F a F F F F F' },
  reactivateUser: { q: `mutation($u:ID!){ reactivateUser(userId:$u){ id } }`, vars: (fx) => ({ u: fx.ids.target }), expect: 'U a F F F F F F' },
  refreshSession: { q: `mutation{ refreshSession { accessToken } }`, expect: 'U U U U U U U U' },
  register: {
    q: `mutation($i:RegisterInput!){ register(input:$i){ id } }`,
    vars: () => ({ i: { email: `${unique('reg')}@test.example`, password: PASSWORD, displayName: 'Registrant' } }),
    expect: 'a a a a a a a a',
  },
  registerProduct: {
    q: `mutation($i:RegisterProductInput!){ registerProduct(input:$i){ id } }`,
    vars: () => ({ i: { name: unique('Product'), productVersion: '1.0' } }),
    expect: 'U F F F F a F a',
  },
  relateStandard: {
    q: `mutation($i:RelateStandardInput!){ relateStandard(input:$i){ id } }`,
    vars: (fx) => ({ i: { standardId: fx.standardId, externalId: fx.externalId, kind: 'REFERENCES' } }),
    expect: 'U F a a F F F F',
  },
  requestPasswordReset: { q: `mutation($e:String!){ requestPasswordReset(email:$e) }`, vars: (fx) => ({ e: fx.emails.login }), expect: 'a a a a a a a a' },
  resendVerificationCode: { q: `mutation($e:String!){ resendVerificationCode(email:$e) }`, vars: (fx) => ({ e: fx.emails.login }), expect: 'a a a a a a a a' },
  resetPassword: {
    q: `mutation($e:String!){ resetPassword(email:$e, code:"000000", newPassword:"Another-Passw0rd-42") }`,
    vars: (fx) => ({ e: fx.emails.target }),
    expect: 'a a a a a a a a',
  },
  resolveComment: {
    q: `mutation($i:ResolveCommentInput!){ resolveComment(input:$i){ id } }`,
    vars: (fx) => ({ i: { commentId: fx.commentId, disposition: 'NOTED', resolution: 'Noted.' } }),
    expect: 'U F N F F F F F',
  },
  revokeRole: { q: `mutation($u:ID!){ revokeRole(userId:$u, role:EXPERT){ id } }`, vars: (fx) => ({ u: fx.ids.target }), expect: 'U a F F F F F F' },
  revokePersonalAccessToken: { q: `mutation($id:ID!){ revokePersonalAccessToken(id:$id) }`, vars: () => ({ id: uuid0 }), expect: 'U N N N N N N N' },
  revokeOrganizationAccessToken: { q: `mutation($id:ID!){ revokeOrganizationAccessToken(id:$id) }`, vars: () => ({ id: uuid0 }), expect: 'U F F F F F F F' },
  revokeSession: { q: `mutation($id:ID!){ revokeSession(id:$id) }`, vars: () => ({ id: uuid0 }), expect: 'U N N N N N N N' },
  setConformance: {
    q: `mutation($i:SetConformanceInput!){ setConformance(input:$i){ level } }`,
    vars: (fx) => ({ i: { productId: fx.productId, standardId: fx.publishedId, versionId: fx.publishedVersionId, claims: [{ requirementKey: fx.requirementKey, level: 'CONFORMANT' }] } }),
    expect: 'U F F F F a F N',
  },
  // A standard cannot supersede itself: refused, so the published standard stays promulgated for the rows below.
  supersedeStandard: {
    q: `mutation($s:ID!){ supersedeStandard(standardId:$s, replacementId:$s, reason:"Replaced."){ id } }`,
    vars: (fx) => ({ s: fx.publishedId }),
    expect: 'U F a F F F F F',
  },
  signOut: { q: `mutation{ signOut }`, ownSession: true, expect: 'a a a a a a a a' },
  signOutEverywhere: { q: `mutation{ signOutEverywhere }`, ownSession: true, expect: 'U a a a a a a a' },
  startDrafting: { q: `mutation($s:ID!){ startDrafting(standardId:$s){ id } }`, vars: (fx) => ({ s: fx.standardId }), expect: 'U F a F F F F F' },
  // Runs late: submitting makes the nation's comments read-only for the rows below it.
  updateComment: {
    q: `mutation($id:ID!){ updateComment(id:$id, input:{ body:"Edited by the matrix." }){ id } }`,
    vars: (fx) => ({ id: fx.commentId }),
    expect: 'U F F a F F N F',
  },
  submitNationalComments: { q: `mutation($id:ID!){ submitNationalComments(roundId:$id){ submittedAt } }`, vars: (fx) => ({ id: fx.roundId }), expect: 'U F F F a F F F' },
  removeEditor: { q: `mutation($s:ID!,$u:ID!){ removeEditor(standardId:$s,userId:$u){ id } }`, vars: (fx) => ({ s: fx.standardId, u: fx.ids.target }), expect: 'U F N F F F F F' }, // target edits nothing: NOT_FOUND for the secretariat
  updateExternalStandard: {
    q: `mutation($id:ID!,$t:String!){ updateExternalStandard(id:$id, input:{ title:$t }){ id } }`,
    vars: (fx) => ({ id: fx.externalId, t: unique('Orbit Data Messages') }),
    expect: 'U F a F F F F F',
  },
  updateProduct: {
    q: `mutation($id:ID!,$d:String!){ updateProduct(id:$id, input:{ description:$d }){ id } }`,
    vars: (fx) => ({ id: fx.productId, d: unique('Edited by the matrix') }),
    expect: 'U F F F F a F N',
  },
  updateStandard: {
    q: `mutation($s:ID!){ updateStandard(input:{ standardId:$s, scope:"How Allied space surveillance data is exchanged." }){ id } }`,
    vars: (fx) => ({ s: fx.standardId }),
    expect: 'U F a a F F F F',
  },
  withdrawReservation: {
    q: `mutation($i:WithdrawReservationInput!){ withdrawReservation(input:$i){ id } }`,
    vars: (fx) => ({ i: { editionId: fx.editionId, index: 1 } }),
    expect: 'U F F F a F F F',
  },
  verifyEmail: { q: `mutation($e:String!){ verifyEmail(email:$e, code:"000000") }`, vars: (fx) => ({ e: fx.emails.login }), expect: 'a a a a a a a a' },
};

/** A field resolver probed through `root(args){ field selection }`; the cell is what became of that field. */
function field(root: string, args: string, vars: Row['vars'], name: string, selection: string, expect: string, between: string[] = []): Row {
  const open = between.map((b) => `${b} { `).join('');
  const close = between.map(() => ' }').join('');
  return { q: `query${args}{ ${root} { ${open}${name} ${selection}${close} } }`, vars, path: [root.split('(')[0], ...between, name.split('(')[0]], expect };
}
const ballot = (f: string, sel: string, e: string) => field('ballot(id:$id)', '($id:ID!)', (fx) => ({ id: fx.closedBallotId }), f, sel, e);
const comment = (f: string, sel: string, e: string) => field('comment(id:$id)', '($id:ID!)', (fx) => ({ id: fx.commentId }), f, sel, e);
const round = (f: string, sel: string, e: string, between: string[] = []) => field('commentRound(id:$id)', '($id:ID!)', (fx) => ({ id: fx.roundId }), f, sel, e, between);
const product = (f: string, sel: string, e: string, between: string[] = []) => field('product(id:$id)', '($id:ID!)', (fx) => ({ id: fx.productId }), f, sel, e, between);
const edition = (f: string, sel: string, e: string, between: string[] = []) => field('edition(id:$id)', '($id:ID!)', (fx) => ({ id: fx.editionId }), f, sel, e, between);
const published = (f: string, sel: string, e: string) => field('standard(id:$id)', '($id:ID!)', (fx) => ({ id: fx.publishedId }), f, sel, e);
const drafted = (f: string, sel: string, e: string, between: string[] = []) => field('standard(id:$id)', '($id:ID!)', (fx) => ({ id: fx.standardId }), f, sel, e, between);
const version = (f: string, sel: string, e: string) => field('standardVersion(id:$id)', '($id:ID!)', (fx) => ({ id: fx.v2 }), f, sel, e);
const me = (f: string, sel: string, e: string) => field('me', '', undefined, f, sel, e);
const ineed = (f: string, sel: string, e: string) => field('interoperabilityNeed(id:$id)', '($id:ID!)', (fx) => ({ id: fx.needId }), f, sel, e);

const FIELDS: Record<string, Row> = {
  'AuditEvent.actor': field('auditEvents(first:1)', '', undefined, 'actor', '{ id }', 'U a a F F F F F', ['edges', 'node']),
  'Ballot.extensions': ballot('extensions', '{ id }', 'U a a a a a a a'),
  'BallotExtension.extendedBy': field('ballot(id:$id)', '($id:ID!)', (fx) => ({ id: fx.openBallotId }), 'extendedBy', '{ id }', 'U a a a a a a a', ['extensions']),
  'Ballot.responses': ballot('responses', '{ response }', 'U F a a a F a F'),
  'Ballot.standard': ballot('standard', '{ id }', 'U a a a a a a a'),
  'Ballot.tally': ballot('tally', '{ responded }', 'U F a a a F a F'),
  'Ballot.version': ballot('version', '{ id }', 'U a a a a a a a'),
  'Comment.author': comment('author', '{ id }', 'U N a a a N a N'),
  'Comment.nation': comment('nation', '{ code }', 'U N a a a N a N'),
  'Comment.resolvedInVersion': comment('resolvedInVersion', '{ id }', 'U N 0 0 0 N 0 N'),
  'Comment.round': comment('round', '{ id }', 'U N a a a N a N'),
  'CommentRound.comments': round('comments', '{ totalCount }', 'U N a a a N a N'),
  'CommentRound.standard': round('standard', '{ id }', 'U N a a a N a N'),
  'CommentRound.submissions': round('submissions', '{ commentCount }', 'U N a a a N a N'),
  'CommentRound.unresolvedCount': round('unresolvedCount', '', 'U N a a a N a N'),
  'CommentRound.version': round('version', '{ id }', 'U N a a a N a N'),
  'ConformanceClaim.product': product('product', '{ id }', 'U a a a a a a N', ['claims']),
  'ConformanceClaim.standard': product('standard', '{ id }', 'U a a a a a a N', ['claims']),
  'ConformanceClaim.support': product('support', '', 'U a a a a a a N', ['claims']),
  'ConformanceClaim.version': product('version', '{ id }', 'U a a a a a a N', ['claims']),
  'Edition.editionLetter': edition('editionLetter', '', 'a a a a a a a a'),
  'Edition.stanagEdition': edition('stanagEdition', '', '0 0 0 0 0 0 0 0'), // an AP without a covering STANAG
  'Edition.publishedBy': edition('publishedBy', '{ id }', 'a a a a a a a a'),
  'Edition.currentRatification': edition('currentRatification', '{ response }', 'a a a a a a a a'),
  'Edition.ratificationChanges': edition('ratificationChanges', '{ kind }', 'a a a a a a a a'),
  'RatificationChange.nation': edition('nation', '{ code }', 'a a a a a a a a', ['ratificationChanges']),
  'RatificationChange.changedBy': edition('changedBy', '{ displayName }', 'U a a a a a a a', ['ratificationChanges']),
  'Edition.ratification': edition('ratification', '{ response }', 'a a a a a a a a'),
  'Edition.standard': edition('standard', '{ id }', 'a a a a a a a a'),
  'Edition.url': edition('url', '', 'a a a a a a a a'),
  'Edition.version': edition('version', '{ id }', 'a a a a a a a a'),
  'ExternalStandard.equivalents': field('externalStandards', '', undefined, 'equivalents', '{ id }', 'U a a a a a a a'),
  'ExternalStandard.adoptions': field('externalStandards', '', undefined, 'adoptions', '{ modified }', 'U a a a a a a a'),
  'ExternalStandard.replacedBy': field('externalStandards', '', undefined, 'replacedBy', '{ id }', 'U a a a a a a a'),
  'ExternalStandard.replaces': field('externalStandards', '', undefined, 'replaces', '{ id }', 'U a a a a a a a'),
  'MyWork.ballotsReadyToClose': field('myWork', '', undefined, 'ballotsReadyToClose', '{ __typename }', 'U a a a a a a a'),
  'MyWork.ballotsToAnswer': field('myWork', '', undefined, 'ballotsToAnswer', '{ __typename }', 'U a a a a a a a'),
  'MyWork.roundsToAdjudicate': field('myWork', '', undefined, 'roundsToAdjudicate', '{ id }', 'U a a a a a a a'),
  'MyWork.staleClaims': field('myWork', '', undefined, 'staleClaims', '{ level }', 'U a a a a a a a'),
  'NationalResponse.history': field('ballot(id:$id)', '($id:ID!)', (fx) => ({ id: fx.closedBallotId }), 'history', '{ __typename }', 'U F a a a F a F', ['responses']),
  'NationalResponse.castBy': edition('castBy', '{ displayName }', 'U a a a a a a a', ['ratification']),
  'NationalResponse.nation': edition('nation', '{ code }', 'a a a a a a a a', ['ratification']),
  'NationalSubmission.nation': round('nation', '{ code }', 'U N a a a N a N', ['submissions']),
  'NationalSubmission.submittedBy': round('submittedBy', '{ id }', 'U N a a a N a N', ['submissions']),
  'JoinRequest.applicant': field('joinRequests(first:1)', '', undefined, 'applicant', '{ id }', 'U F a F F F F F', ['edges', 'node']),
  'JoinRequest.country': field('joinRequests(first:1)', '', undefined, 'country', '{ code }', 'U F a F F F F F', ['edges', 'node']),
  'JoinRequest.organization': field('joinRequests(first:1)', '', undefined, 'organization', '{ id }', 'U F a F F F F F', ['edges', 'node']),
  // A vendor created by an approved join request has its nation.
  'Organization.nation': field('organizations', '', undefined, 'nation', '{ code }', 'U a a a a a a a'),
  'InteroperabilityNeed.history': ineed('history', '{ to }', 'a a a a a a a a'),
  'InteroperabilityNeed.raisedBy': ineed('raisedBy', '{ displayName }', '0 a a a a a a a'),
  'InteroperabilityNeed.revisions': ineed('revisions', '{ number }', 'a a a a a a a a'),
  'NeedRevision.amendedBy': field('interoperabilityNeed(id:$id)', '($id:ID!)', (fx) => ({ id: fx.needId }), 'amendedBy', '{ displayName }', '0 a a a a a a a', ['revisions']),
  'InteroperabilityNeed.raisingNation': ineed('raisingNation', '{ code }', 'a a a a a a a a'),
  'InteroperabilityNeed.sharingNations': ineed('sharingNations', '{ code }', 'a a a a a a a a'),
  'InteroperabilityNeed.standards': ineed('standards', '{ id }', 'a a a a a a a a'),
  'InteroperabilityNeed.supportedByMyNation': ineed('supportedByMyNation', '', 'a a a a a a a a'),
  'InteroperabilityNeed.supportingNations': ineed('supportingNations', '{ code }', 'a a a a a a a a'),
  'Product.claims': product('claims', '{ level }', 'U a a a a a a N'),
  'Product.organization': product('organization', '{ id }', 'U a a a a a a N'),
  'Requirement.kind': field('standard(id:$id)', '($id:ID!)', (fx) => ({ id: fx.publishedId }), 'kind', '', 'U a a a a a a a', ['currentVersion', 'requirements']),
  'Standard.needs': published('needs', '{ id }', 'U a a a a a a a'),
  'Standard.ballots': published('ballots', '{ id }', 'U a a a a a a a'),
  'Standard.commentRounds': drafted('commentRounds', '{ id }', 'U a a a a a a a'),
  'Standard.currentEdition': published('currentEdition', '{ id }', 'U a a a a a a a'),
  'Standard.currentVersion': drafted('currentVersion', '{ id }', 'U a a a a a a a'),
  'Standard.editions': published('editions', '{ id }', 'U a a a a a a a'),
  'Standard.editors': drafted('editors', '{ id }', 'U a a a a a a a'),
  'Standard.relations': drafted('relations', '{ id }', 'U a a a a a a a'),
  'Standard.version': drafted('version(number:1)', '{ id }', 'U a a a a a a a'),
  'Standard.stage': published('stage', '', 'U a a a a a a a'),
  'Standard.supersededBy': published('supersededBy', '{ id }', 'U 0 0 0 0 0 0 0'),
  'Standard.versions': drafted('versions', '{ id }', 'U a a a a a a a'),
  'StandardRelation.external': drafted('external', '{ id }', 'U a a a a a a a', ['relations']),
  'StandardVersion.author': version('author', '{ id }', 'U a a a a a a a'),
  'StandardVersion.basedOn': version('basedOn', '{ id }', 'U a a a a a a a'),
  'StandardVersion.clauses': version('clauses', '{ number }', 'U a a a a a a a'),
  'StandardVersion.html': version('html', '', 'U a a a a a a a'),
  'StandardVersion.requirements': version('requirements', '{ key }', 'U a a a a a a a'),
  'StandardVersion.stage': version('stage', '', 'U a a a a a a a'),
  'StandardVersion.standard': version('standard', '{ id }', 'U a a a a a a a'),
  'StandardVersion.text': version('text', '', 'U a a a a a a a'),
  'StandardVersion.warnings': version('warnings', '{ code }', 'U a a a a a a a'),
  'User.deactivatedAt': me('deactivatedAt', '', '0 0 0 0 0 0 0 0'),
  'User.email': me('email', '', '0 a a a a a a a'),
  'User.nation': me('nation', '{ code }', '0 0 0 a a 0 a 0'),
  'User.organization': me('organization', '{ id }', '0 0 0 0 0 a 0 a'),
};

describe('authorization matrix', () => {
  let t: TestApp;
  const fx: Fx = {};
  const tokens = {} as Record<CallerName, string | undefined>;

  before(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_ADDRESS: '100000', RATE_LIMIT_PER_IP: '100000' });
    const admin = await t.adminToken();
    const orgA = (await t.ok(`mutation{ createOrganization(input:{ name:"Vendor A", kind:VENDOR }){ id } }`, {}, admin)).createOrganization.id;
    const orgB = (await t.ok(`mutation{ createOrganization(input:{ name:"Vendor B", kind:VENDOR }){ id } }`, {}, admin)).createOrganization.id;
    const sec = await t.user('Matrix Secretariat', [{ role: 'SECRETARIAT' }]);
    const expert = await t.user('Matrix Expert', [{ role: 'EXPERT', nationCode: 'FRA' }]);
    const delegate = await t.user('Matrix Delegate', [{ role: 'DELEGATE', nationCode: 'FRA' }]);
    const vendor = await t.user('Matrix Vendor', [{ role: 'VENDOR', organizationId: orgA }]);
    const otherExpert = await t.user('Matrix Expert Deu', [{ role: 'EXPERT', nationCode: 'DEU' }]);
    const otherVendor = await t.user('Matrix Vendor B', [{ role: 'VENDOR', organizationId: orgB }]);
    const target = await t.user('Matrix Target');
    const login = await t.user('Matrix Login');
    Object.assign(tokens, {
      anon: undefined, ADMIN: admin, SECRETARIAT: sec.token, EXPERT: expert.token, DELEGATE: delegate.token,
      VENDOR: vendor.token, 'EXPERT/DEU': otherExpert.token, 'VENDOR/B': otherVendor.token,
    });
    fx.emails = {
      ADMIN: ADMIN.email, SECRETARIAT: sec.email, EXPERT: expert.email, DELEGATE: delegate.email, VENDOR: vendor.email,
      'EXPERT/DEU': otherExpert.email, 'VENDOR/B': otherVendor.email, target: target.email, login: login.email,
    };
    fx.ids = { EXPERT: expert.id, target: target.id };
    // Two pending join requests (the first is approved, so JoinRequest.organization has a value), and an invitation link.
    const joinRequest = async (name: string) => (await t.ok(`mutation($i:RequestToJoinInput!){ requestToJoin(input:$i){ id } }`,
      { i: { company: name, nationCode: 'DEU', website: 'https://join.example.com', reason: 'Matrix fixture.' } }, (await t.user(name)).token)).requestToJoin.id;
    fx.approveJoinId = await joinRequest('Matrix Joiner One');
    fx.rejectJoinId = await joinRequest('Matrix Joiner Two');
    fx.invitationToken = 'matrix-invitation-token';
    await t.db.query(
      `INSERT INTO organization_invitation (organization_id, email, token_hash, invited_by, created_at, expires_at)
       VALUES ($1, 'invited@test.example', encode(sha256($2::bytea), 'hex'), $3, now(), now() + interval '7 days')`,
      [orgA, fx.invitationToken, vendor.id],
    );
    fx.later = new Date((await dbNow(t)).getTime() + 3_600_000).toISOString();
    fx.orgA = orgA;
    fx.webhookId = (await t.ok(`mutation($o:ID!){ registerWebhook(input:{ organizationId:$o, url:"http://127.0.0.1:9/hook", events:["claim.stale"] }){ webhook { id } } }`, { o: orgA }, vendor.token)).registerWebhook.webhook.id;
    [{ id: fx.deliveryId }] = await t.db.query(
      `INSERT INTO webhook_delivery (webhook_id, event, payload, created_at, next_attempt_at, status) VALUES ($1, 'claim.stale', '{}', now(), now(), 'FAILED') RETURNING id`,
      [fx.webhookId],
    );

    // A PUBLIC drafting standard with two versions and an open comment round holding an FRA draft comment.
    const main = await draft(t, sec.token, 'MATRIX 1');
    fx.standardId = main.standardId;
    fx.v1 = main.versionId;
    fx.current = async () => (await t.ok(`query($id:ID!){ standard(id:$id){ currentVersion { id } } }`, { id: main.standardId }, sec.token)).standard.currentVersion.id;
    fx.v2 = (await t.ok(`mutation($i:CreateVersionInput!){ createVersion(input:$i){ id } }`, { i: { standardId: main.standardId, baseVersionId: main.versionId, text: `# Orbital Data Exchange\n\n## 1 Scope\n\nChanged.\n` } }, sec.token)).createVersion.id;
    const openRound = (standardId: string, versionId: string) =>
      t.ok(`mutation($i:OpenCommentRoundInput!){ openCommentRound(input:$i){ id } }`, { i: { standardId, versionId, title: 'Round', closesAt: fx.later } }, sec.token);
    fx.roundId = (await openRound(main.standardId, fx.v2)).openCommentRound.id;
    fx.comment = async () =>
      (await t.ok(`mutation($i:AddCommentInput!){ addComment(input:$i){ id } }`, { i: { roundId: fx.roundId, type: 'TECHNICAL', body: 'Please clarify.' } }, expert.token)).addComment.id;
    fx.commentId = await fx.comment();
    const second = await draft(t, sec.token, 'MATRIX 2');
    fx.otherRoundId = (await openRound(second.standardId, second.versionId)).openCommentRound.id;

    // A standard ratified by FRA and published; its ballot is closed.
    const published = await draft(t, sec.token, 'MATRIX 3');
    fx.publishedId = published.standardId;
    fx.publishedVersionId = published.versionId;
    const closed = (await openBallot(t, sec.token, published.standardId, published.versionId, 1)).data.openBallot;
    await cast(t, delegate.token, closed.id, 'RATIFIED_IMPLEMENTING');
    await t.ok(`mutation($id:ID!){ closeBallot(ballotId:$id){ id } }`, { id: closed.id }, sec.token);
    fx.editionId = (await t.ok(`mutation($id:ID!){ publishEdition(ballotId:$id){ id } }`, { id: closed.id }, sec.token)).publishEdition.id;
    fx.closedBallotId = closed.id;
    // A change after promulgation, for the RatificationChange fields.
    await t.ok(`mutation($i:ChangeImplementationInput!){ changeImplementation(input:$i){ id } }`,
      { i: { editionId: fx.editionId, response: 'RATIFIED_FUTURE_IMPLEMENTATION', implementationDate: '2030-01-01T00:00:00.000Z' } }, delegate.token);

    // A standard under an open ballot (castResponse), and one ready for a ballot (openBallot).
    const balloted = await draft(t, sec.token, 'MATRIX 4');
    fx.openBallotId = (await openBallot(t, sec.token, balloted.standardId, balloted.versionId, 1)).data.openBallot.id;
    await t.ok(`mutation($b:ID!,$c:DateTime!){ extendBallot(ballotId:$b, closesAt:$c, reason:"For the BallotExtension fields."){ id } }`,
      { b: fx.openBallotId, c: new Date(Date.parse(fx.later) + 86_400_000).toISOString() }, sec.token);
    const ready = await draft(t, sec.token, 'MATRIX 5');
    fx.openBallotStandardId = ready.standardId;
    fx.openBallotVersionId = ready.versionId;

    // Vendor A's product with a claim, an external standard and a relation.
    fx.productId = (await t.ok(`mutation{ registerProduct(input:{ name:"Tracker", productVersion:"2.1" }){ id } }`, {}, vendor.token)).registerProduct.id;
    const requirements = (await t.ok(`query($id:ID!){ standardVersion(id:$id){ requirements { key } } }`, { id: published.versionId }, sec.token)).standardVersion.requirements;
    fx.requirementKey = requirements[0].key;
    await t.ok(
      `mutation($i:SetConformanceInput!){ setConformance(input:$i){ level } }`,
      { i: { productId: fx.productId, standardId: published.standardId, versionId: published.versionId, claims: [{ requirementKey: fx.requirementKey, level: 'PARTIAL' }] } },
      vendor.token,
    );
    fx.externalId = (await t.ok(`mutation($d:String!){ addExternalStandard(input:{ body:CCSDS, designation:$d, title:"Orbit Data Messages" }){ id } }`, { d: unique("CCSDS") }, sec.token)).addExternalStandard.id;
    await t.ok(`mutation($i:RelateStandardInput!){ relateStandard(input:$i){ id } }`, { i: { standardId: main.standardId, externalId: fx.externalId, kind: 'REFERENCES' } }, sec.token);
    // Needs: a PUBLIC one raised by FRA and linked to the published standard, a NATIONS one, and fresh ones per call.
    const raise = async (visibility: string, token: string) =>
      (await t.ok(`mutation($i:RaiseNeedInput!){ raiseNeed(input:$i){ id } }`, {
        i: { title: unique('Matrix need'), statement: 'A need of the matrix.', missionArea: 'PNT', priority: 'MEDIUM', visibility },
      }, token)).raiseNeed.id as string;
    fx.needId = await raise('PUBLIC', expert.token);
    // Amended once by its raiser, for the NeedRevision fields.
    await t.ok(`mutation($i:AmendNeedInput!){ amendNeed(input:$i){ id } }`, { i: { needId: fx.needId, expectedRevision: 0, priority: 'HIGH' } }, expert.token);
    fx.raise = raise;
    await t.ok(`mutation($id:ID!,$s:ID!){ linkStandardToNeed(needId:$id, standardId:$s){ id } }`, { id: fx.needId, s: fx.publishedId }, sec.token);
    fx.nationsNeedId = await raise('NATIONS', sec.token);
    fx.tokens = tokens;
    /** A fresh PUBLIC need by the secretariat: supported by `supporter`, or LINKED (accepted, linked to the drafting standard), or ADDRESSED. */
    fx.need = async (supporter?: string, state?: 'LINKED' | 'ADDRESSED') => {
      const id = await raise('PUBLIC', sec.token);
      if (supporter) await t.ok(`mutation($id:ID!){ supportNeed(needId:$id){ id } }`, { id }, supporter);
      if (state) {
        await t.ok(`mutation($id:ID!){ acceptNeed(needId:$id){ id } }`, { id }, sec.token);
        await t.ok(`mutation($id:ID!,$s:ID!){ linkStandardToNeed(needId:$id, standardId:$s){ id } }`, { id, s: fx.standardId }, sec.token);
      }
      if (state === 'ADDRESSED') await t.ok(`mutation($id:ID!){ markNeedAddressed(needId:$id){ id } }`, { id }, sec.token);
      return id;
    };
    fx.propose = async () =>
      (await t.ok(`mutation($i:ProposeStandardInput!){ proposeStandard(input:$i){ id } }`, {
        i: { designation: unique('CX'), title: 'To be cancelled', scope: 'Cancelled by the matrix.', visibility: 'PUBLIC', overlapJustification: 'Matrix fixture: overlaps are expected here.' },
      }, sec.token)).proposeStandard;
  });

  after(() => t?.close());

  function schemaOperations() {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const fields = (type: GraphQLObjectType | null | undefined) => Object.keys(type?.getFields() ?? {}).sort();
    // Field resolvers are the methods marked by @ResolveField on the resolver classes (Nest wraps every field's resolve).
    const resolved = new Set<string>();
    for (const module of t.app.get(ModulesContainer).values()) {
      for (const wrapper of module.providers.values()) {
        const type = wrapper.metatype && Reflect.getMetadata(RESOLVER_NAME_METADATA, wrapper.metatype);
        if (typeof type !== 'string' || !wrapper.metatype?.prototype) continue;
        const proto = wrapper.metatype.prototype;
        for (const key of Object.getOwnPropertyNames(proto)) {
          if (key !== 'constructor' && Reflect.getMetadata(RESOLVER_PROPERTY_METADATA, proto[key])) resolved.add(`${type}.${Reflect.getMetadata(RESOLVER_NAME_METADATA, proto[key]) ?? key}`);
        }
      }
    }
    return { queries: fields(schema.getQueryType()), mutations: fields(schema.getMutationType()), fieldResolvers: [...resolved].sort() };
  }

  function outcome(res: { status: number; data: any; errors?: any[] }, path: string[]): string {
    const err = res.errors?.find((e) => (e.path ?? []).join('.').replace(/\.\d+/g, '') === path.join('.')) ?? res.errors?.find((e) => !e.path);
    const code = err?.extensions?.code;
    if (res.status >= 500 || code === 'INTERNAL_SERVER_ERROR') return `500:${err?.message ?? res.status}`;
    // A probe the schema refuses tests nothing: show it rather than count it as allowed.
    if (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED') return `invalid:${err.message}`;
    if (code === 'UNAUTHENTICATED') return 'U';
    if (code === 'FORBIDDEN') return 'F';
    if (code === 'NOT_FOUND') return 'N';
    // A parent refused before the field was reached: the caller cannot reach this field.
    const parentErr = res.errors?.find((e) => path.join('.').startsWith((e.path ?? []).join('.').replace(/\.\d+/g, '')));
    if (!err && parentErr) return outcome({ ...res, errors: [{ ...parentErr, path }] }, path);
    if (err) return 'a';
    let value = res.data;
    for (const p of path) value = Array.isArray(value) ? value.find((v) => v?.[p] !== undefined)?.[p] ?? value[0]?.[p] : value?.[p];
    return value === null || value === undefined ? '0' : 'a';
  }

  it('covers every query, mutation and field resolver with a row, and each row matches for every caller', async () => {
    const ops = schemaOperations();
    const mutations = Object.entries(MUTATIONS).map(([k, r]) => [`Mutation.${k}`, r] as [string, Row]);
    // Calls that end a session or change a password run last, so the tokens above stay good.
    const rows: [string, Row][] = [
      ...Object.entries(QUERIES).map(([k, r]) => [`Query.${k}`, r] as [string, Row]),
      ...mutations.filter(([, r]) => !r.ownSession),
      ...Object.entries(FIELDS),
      ...mutations.filter(([, r]) => r.ownSession),
    ];

    const seen: Record<string, string> = {};
    for (const [name, row] of rows) {
      const cells: string[] = [];
      for (const who of CALLERS) {
        let token = tokens[who];
        if (row.ownSession && token) token = who === 'ADMIN' ? await t.adminToken() : await t.login(fx.emails[who]);
        const vars = row.vars ? await row.vars(fx, who) : {};
        const res = await t.gql(row.q, vars, token);
        cells.push(outcome(res, row.path ?? [name.split('.')[1]]));
      }
      seen[name] = cells.join(' ');
    }
    const width = Math.max(...rows.map(([n]) => n.length));
    const lines = [`${''.padEnd(width)}  ${CALLERS.join(' | ')}`];
    for (const [name, row] of rows) lines.push(`${name.padEnd(width)}  ${seen[name]}${seen[name] === row.expect ? '' : `   <- expected ${row.expect}`}`);
    const cellCount = rows.length * CALLERS.length;
    console.log(`authorization matrix (a allowed, U UNAUTHENTICATED, F FORBIDDEN, N NOT_FOUND, 0 null): ${rows.length} operations x ${CALLERS.length} callers = ${cellCount} cells\n${lines.join('\n')}`);
    expect({ queries: Object.keys(QUERIES).sort(), mutations: Object.keys(MUTATIONS).sort(), fieldResolvers: Object.keys(FIELDS).sort() })
      .toEqual({ queries: ops.queries, mutations: ops.mutations, fieldResolvers: ops.fieldResolvers });
    expect(Object.fromEntries(rows.map(([n]) => [n, seen[n]]))).toEqual(Object.fromEntries(rows.map(([n, r]) => [n, r.expect])));
  });
});
