import { TestApp } from './app';

/** Shortcuts for suites that need a drafting standard to work on. */
export const PROPOSE = `mutation($i:ProposeStandardInput!){ proposeStandard(input:$i){ id designation status } }`;
export const START = `mutation($id:ID!){ startDrafting(standardId:$id){ id status } }`;
export const CREATE_VERSION = `mutation($i:CreateVersionInput!){ createVersion(input:$i){ id number contentHash summary label } }`;

export const SAMPLE = `# Tracking Data Exchange

## 1 Scope

This document specifies how tracking data is exchanged.

## 2 Requirements

The provider shall deliver tracking data within 60 seconds. {#TDX-LAT}

The provider should sign every message.

### 2.1 Formats

Messages shall use the CCSDS Tracking Data Message format.

The consumer may request compressed delivery.
`;

export async function draftingStandard(
  t: TestApp,
  editorToken: string,
  options: { designation: string; visibility?: string; text?: string; title?: string },
): Promise<{ id: string; v1: string }> {
  const secretariat = await t.user(`Secretariat ${options.designation}`, [{ role: 'SECRETARIAT' }]);
  const proposed = await t.ok(PROPOSE, {
    i: {
      designation: options.designation,
      title: options.title ?? `Interface ${options.designation}`,
      scope: 'Defines an interface between Allied users and commercial providers.',
      visibility: options.visibility ?? 'NATIONS',
      // Fixtures share title pattern and scope on purpose; the duplication gate would refuse the second one.
      overlapJustification: 'Test fixture: standards of this suite share their scope on purpose.',
    },
  }, editorToken);
  const id = proposed.proposeStandard.id;
  await t.ok(START, { id }, secretariat.token);
  const v1 = await t.ok(CREATE_VERSION, { i: { standardId: id, text: options.text ?? SAMPLE, label: 'WD 1' } }, editorToken);
  return { id, v1: v1.createVersion.id };
}
