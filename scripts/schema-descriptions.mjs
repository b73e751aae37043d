/* eslint-disable no-console -- a lint step that reports a count */
/* global console, process */
// Issue 17: every type, field, argument, input field and enum value of
// schema.gql gets a description (domain meaning, units, limits, roles).
// graphql-schema-linter's description rules list what is missing, and this
// step (part of `npm run lint`, so of CI) fails when anything is. The budget is
// 0; SCHEMA_DESCRIPTIONS_BUDGET may raise it for a one-off local run only.
// To list every missing description: SCHEMA_DESCRIPTIONS_LIST=1 node scripts/schema-descriptions.mjs
import { spawnSync } from 'node:child_process';

const BUDGET = process.env.SCHEMA_DESCRIPTIONS_BUDGET ? Number(process.env.SCHEMA_DESCRIPTIONS_BUDGET) : 0;
const RULES = ['types-have-descriptions', 'fields-have-descriptions', 'arguments-have-descriptions', 'input-object-values-have-descriptions', 'enum-values-have-descriptions'];
const run = spawnSync('npx', ['graphql-schema-linter', '--format', 'compact', '--rules', RULES.join(','), 'schema.gql'], { encoding: 'utf8' });
const problems = run.stdout.split('\n').filter((l) => /\([\w-]+-have-descriptions\)\s*$/.test(l));
const byRule = Object.fromEntries(RULES.map((r) => [r, problems.filter((l) => l.includes(r)).length]));
console.log(`schema descriptions missing: ${problems.length} (budget ${BUDGET}) ${JSON.stringify(byRule)}`);
if (process.env.SCHEMA_DESCRIPTIONS_LIST) console.log(problems.join('\n'));
if (problems.length > BUDGET) {
  console.error(problems.slice(0, 50).join('\n'));
  console.error('Schema elements without a description: describe each (domain meaning, units, limits, roles) in its code-first decorator, then npm run schema:generate.');
  process.exit(1);
}
