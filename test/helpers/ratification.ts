import { TestApp } from './app';

/** Fixtures shared by the ballots, publishing and pages suites. */

export const TEXT = `# Orbital Data Exchange

## 1 Scope

This standard defines how Allied space surveillance data is exchanged.

## 2 Requirements

### 2.1 Tracking data

The provider shall deliver tracking data within five minutes of observation.

### 2.2 Ephemerides

The provider should publish ephemerides daily.
`;

export const BALLOT = `id status outcome threshold opensAt closesAt
  standard { id status } version { number }
  tally { eligible responded ratifying notRatifying notParticipating withReservations pending { code } threshold thresholdMet }
  responses { nation { code } response revision implementationDate nationalReference reservations { clause text } castBy { displayName } }`;

export interface People {
  secretariat: string;
  expert: string;
  vendor: string;
  delegates: Record<string, string>;
}

export async function people(t: TestApp, nations: string[]): Promise<People> {
  const org = await t.ok(`mutation($i:CreateOrganizationInput!){ createOrganization(input:$i){ id } }`, { i: { name: 'Orbital Vendor Ltd', kind: 'VENDOR' } }, await t.adminToken());
  const delegates: Record<string, string> = {};
  for (const code of nations) delegates[code] = (await t.user(`Delegate ${code}`, [{ role: 'DELEGATE', nationCode: code }])).token;
  return {
    secretariat: (await t.user('Sec Retariat', [{ role: 'SECRETARIAT' }])).token,
    expert: (await t.user('Expert Fra', [{ role: 'EXPERT', nationCode: 'FRA' }])).token,
    vendor: (await t.user('Vendor Person', [{ role: 'VENDOR', organizationId: org.createOrganization.id }])).token,
    delegates,
  };
}

/** A DRAFTING standard with one version of TEXT. */
export async function draft(t: TestApp, sec: string, designation: string, visibility = 'PUBLIC', text = TEXT) {
  const s = await t.ok(
    `mutation($i:ProposeStandardInput!){ proposeStandard(input:$i){ id } }`,
    {
      i: {
        designation, title: `Orbital data exchange ${designation}`, scope: 'Exchange of surveillance data between Allied space operations centres.',
        visibility, overlapJustification: 'Test standard; overlaps are acceptable in this suite.',
      },
    },
    sec,
  );
  const standardId = s.proposeStandard.id;
  await t.ok(`mutation($id:ID!){ startDrafting(standardId:$id){ id } }`, { id: standardId }, sec);
  const v = await t.ok(`mutation($i:CreateVersionInput!){ createVersion(input:$i){ id } }`, { i: { standardId, text } }, sec);
  return { standardId, versionId: v.createVersion.id as string };
}

export async function dbNow(t: TestApp): Promise<Date> {
  const [{ now }] = await t.db.query(`SELECT ${t.clock.now()} AS now`);
  return new Date(now);
}

export async function openBallot(t: TestApp, sec: string, standardId: string, versionId: string, threshold: number, seconds = 3600) {
  const closesAt = new Date((await dbNow(t)).getTime() + seconds * 1000).toISOString();
  return t.gql(`mutation($i:OpenBallotInput!){ openBallot(input:$i){ ${BALLOT} } }`, { i: { standardId, versionId, closesAt, threshold } }, sec);
}

export const CAST = `mutation($i:CastResponseInput!){ castResponse(input:$i){ nation { code } response revision reservations { clause text } castBy { displayName } } }`;

export const cast = (t: TestApp, token: string, ballotId: string, response: string, extra: Record<string, unknown> = {}) =>
  t.gql(CAST, { i: { ballotId, response, ...extra } }, token);

