/**
 * Every GraphQL example of the README gets a link that opens it in the API
 * explorer (/graphiql?query=…) of a service started as the README says.
 * `npm run readme:links` rewrites the links; a unit test keeps them current.
 */
export const EXPLORER_BASE = 'http://localhost:3000/graphiql';
const LABEL = '[Open in the explorer]';

export function withExplorerLinks(readme: string): string {
  const lines = readme.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```graphql\s*$/.exec(lines[i]);
    if (!open) {
      out.push(lines[i]);
      continue;
    }
    const indent = open[1];
    const body: string[] = [];
    out.push(lines[i]);
    for (i++; i < lines.length && lines[i].trim() !== '```'; i++) {
      body.push(lines[i].startsWith(indent) ? lines[i].slice(indent.length) : lines[i].trimStart());
      out.push(lines[i]);
    }
    out.push(lines[i] ?? `${indent}\`\`\``);
    // An earlier link (after one blank line) is replaced, so the link always holds the example as it stands.
    if (lines[i + 1]?.trim() === '' && lines[i + 2]?.trimStart().startsWith(LABEL)) i += 2;
    out.push('', `${indent}${LABEL}(${EXPLORER_BASE}?query=${encodeURIComponent(body.join('\n').trim())})`);
  }
  return out.join('\n');
}
