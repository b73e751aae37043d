/* eslint-disable no-console -- a lint step that reports a count */
/* global console, process */
// Issue 17: every type, field, argument, input field and enum value of
// schema.gql gets a description (domain meaning, units, limits, roles).
// graphql-schema-linter's description rules list what is missing. Until none
// is, this step reports the count; with SCHEMA_DESCRIPTIONS_BUDGET set (CI,
// once the branches in flight have landed) it fails when the count exceeds it.
import { spawnSync } from 'node:child_process';

const BUDGET = process.env.SCHEMA_DESCRIPTIONS_BUDGET ? Number(process.env.SCHEMA_DESCRIPTIONS_BUDGET) : Infinity;
const RULES = ['types-have-descriptions', 'fields-have-descriptions', 'arguments-have-descriptions', 'input-object-values-have-descriptions', 'enum-values-have-descriptions'];
const run = spawnSync('npx', ['graphql-schema-linter', '--format', 'compact', '--rules', RULES.join(','), 'schema.gql'], { encoding: 'utf8' });
const problems = run.stdout.split('\n').filter((l) => /\([\w-]+-have-descriptions\)\s*$/.test(l));
const byRule = Object.fromEntries(RULES.map((r) => [r, problems.filter((l) => l.includes(r)).length]));
console.log(`schema descriptions missing: ${problems.length} (${Number.isFinite(BUDGET) ? `budget ${BUDGET}` : 'report only'}) ${JSON.stringify(byRule)}`);
if (problems.length > BUDGET) {
  console.error(problems.slice(0, 50).join('\n'));
  console.error('More schema elements without a description than before: describe what you added (domain meaning, units, limits, roles).');
  process.exit(1);
}
