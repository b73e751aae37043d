import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { isObjectType } from 'graphql';
import { HEAVY_FIELDS } from '../src/common/graphql-limits';
import { createTestApp, TestApp } from './helpers/app';
import { draft } from './helpers/ratification';

const VERSIONS = (fields: string) => `query($n:Int){ standards(first:$n){ edges { node { versions { ${fields} } } } } }`;

describe('work that one request can force', () => {
  let t: TestApp;
  let sec: string;
  let vendor: string;
  let standardId: string;

  before(async () => {
    t = await createTestApp();
    sec = (await t.user('Sue Secretariat', [{ role: 'SECRETARIAT' }])).token;
    const org = await t.ok(`mutation{ createOrganization(input:{name:"Paging Vendor", kind:VENDOR}){ id } }`, {}, await t.adminToken());
    vendor = (await t.user('Val Vendor', [{ role: 'VENDOR', organizationId: org.createOrganization.id }])).token;
    standardId = (await draft(t, sec, 'ASpP-LIMITS')).standardId;
  });
  after(() => t.close());

  describe('cost counts list sizes', () => {
    it('refuses texts and renderings of every version of 100 standards, and allows a page of a few', async () => {
      const all = await t.gql(VERSIONS('text html'), { n: 100 }, sec);
      expect(all.status).toBe(400);
      expect(all.errors?.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
      expect(all.errors?.[0].message).toMatch(/asks for 4000 texts, renderings, redlines or snippets, above the limit of 25/);
      expect(all.data).toBeUndefined();
      const one = await t.gql(VERSIONS('text'), { n: 1 }, sec);
      expect(one.errors).toBeUndefined();
      expect(one.data.standards.edges).toHaveLength(1);
    });

    it('multiplies the cost of what a list holds by first, given inline or as a variable', async () => {
      const fields = 'id number label summary contentHash createdAt author { id displayName email }';
      for (const query of [VERSIONS(fields), VERSIONS(fields).replace('query($n:Int){ standards(first:$n)', '{ standards(first:100)')]) {
        const res = await t.gql(query, { n: 100 }, sec);
        expect(res.errors?.[0].message).toMatch(/would cost \d+, above the limit of 10000/);
      }
      expect((await t.gql(VERSIONS(fields), { n: 5 }, sec)).errors).toBeUndefined();
    });

    it('caps search snippets: 100 are refused, a page of 20 runs', async () => {
      const many = await t.gql(`{ search(query:"provider", first:100){ snippet } }`, {}, sec);
      expect(many.errors?.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
      const page = await t.gql(`{ search(query:"provider", first:20){ snippet } }`, {}, sec);
      expect(page.errors).toBeUndefined();
    });

    it('names only fields the schema has as heavy', () => {
      const schema = t.app.get(GraphQLSchemaHost).schema;
      for (const [type, fields] of Object.entries(HEAVY_FIELDS)) {
        const named = schema.getType(type);
        expect(isObjectType(named) && fields.every((f) => f in named.getFields())).toBe(true);
      }
    });
  });

  describe('every list is bounded and can be paged', () => {
    /** Every item of a list, a page of `first` at a time, by passing the last id as after. */
    async function pageThrough(query: string, pick: (data: any) => { id: string }[], token: string, first = 2) {
      const seen: string[] = [];
      for (let after: string | undefined, n = 0; n < 20; n++) {
        const page = pick(await t.ok(query, { first, after }, token));
        expect(page.length).toBeLessThanOrEqual(first);
        seen.push(...page.map((p) => p.id));
        if (page.length < first) return seen;
        after = page.at(-1)!.id;
      }
      throw new Error('did not end');
    }

    it('products: first and after page through them all, each once', async () => {
      for (const name of ['Echo', 'alpha', 'Delta', 'bravo', 'Charlie']) {
        await t.ok(`mutation($i:RegisterProductInput!){ registerProduct(input:$i){ id } }`, { i: { name, productVersion: '1' } }, vendor);
      }
      const ids = await pageThrough(`query($first:Int,$after:ID){ products(first:$first, after:$after){ id } }`, (d) => d.products, vendor);
      const names = await t.ok(`{ products { id name } }`, {}, vendor);
      expect(names.products.map((p: any) => p.name)).toEqual(['alpha', 'bravo', 'Charlie', 'Delta', 'Echo']);
      expect(ids).toEqual(names.products.map((p: any) => p.id));
      const tooMany = await t.gql(`{ products(first:501){ id } }`, {}, vendor);
      expect(tooMany.errors?.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
    });

    it('the interoperability matrix without productIds pages by product', async () => {
      const query = `query($first:Int,$after:ID,$s:[ID!]!){ interoperabilityMatrix(standardIds:$s, first:$first, after:$after){ product { id } } }`;
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const cells = (await t.ok(query, { s: [standardId], first: 2, after }, sec)).interoperabilityMatrix as { product: { id: string } }[];
        seen.push(...cells.map((c) => c.product.id));
        if (cells.length < 2) break;
        after = cells.at(-1)!.product.id;
      }
      expect(seen).toHaveLength(5);
      expect(new Set(seen).size).toBe(5);
    });

    it('externalStandards: first and after page through the catalogue, each entry once', async () => {
      for (const designation of ['PAGED-3', 'PAGED-1', 'PAGED-2']) {
        await t.ok(`mutation($i:ExternalStandardInput!){ addExternalStandard(input:$i){ id } }`, {
          i: { body: 'OTHER', designation, title: `Paging fixture ${designation}` },
        }, sec);
      }
      const query = `query($first:Int,$after:ID){ externalStandards(text:"PAGED-", first:$first, after:$after){ id designation } }`;
      const all = (await t.ok(`{ externalStandards(text:"PAGED-") { id } }`, {}, sec)).externalStandards.map((e: any) => e.id);
      expect(all).toHaveLength(3);
      expect(await pageThrough(query, (d) => d.externalStandards, sec)).toEqual(all);
    });
  });
});
