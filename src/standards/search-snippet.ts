/**
 * Markdown to plain text inside PostgreSQL, for search snippets: ts_headline
 * picks fragments of whatever text it is given, so the Markdown must go
 * before it runs (a fragment cut through `[link](https://…)` cannot be
 * cleaned afterwards). Applied to the few blocks a snippet is drawn from, not
 * to whole texts. The words stay, so the query's terms still match and are
 * marked; the markup goes: heading hashes, emphasis, link and image syntax,
 * code ticks, list and quote markers, table pipes and rules, pinned keys.
 *
 * Each rule is [PostgreSQL ARE pattern, replacement, flags]; `n` makes ^ and $
 * match at line ends. (Whitespace is collapsed in Node after ts_headline: the
 * costliest pass here, for nothing.) Order matters: table rules and horizontal rules before
 * list markers (`- - -`), line-start markers before lines are joined.
 */
const RULES: [pattern: string, replacement: string, flags: string][] = [
  // Pinned requirement keys ({#KEY}) are stripped from the rendered text too.
  [String.raw`[ \t]*\{#[A-Za-z0-9._-]+\}`, '', 'g'],
  // Table delimiter rows (| --- | :---: |) and horizontal rules (---, * * *).
  [String.raw`^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$`, '', 'gn'],
  [String.raw`^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$`, '', 'gn'],
  // Headings (## 5.2 Title ##), quotes, list and task markers.
  [String.raw`^[ \t]{0,3}#{1,6}([ \t]+|$)`, '', 'gn'],
  [String.raw`[ \t]+#+[ \t]*$`, '', 'gn'],
  [String.raw`^[ \t]*(>[ \t]?)+`, '', 'gn'],
  [String.raw`^[ \t]*([-*+]|\d{1,9}[.)])[ \t]+(\[[ xX]\][ \t]+)?`, '', 'gn'],
  // Images and links keep their text; autolinks keep their address.
  [String.raw`!?\[([^\]]*)\]\([^)]*\)`, '\\1', 'g'],
  [String.raw`!?\[([^\]]*)\]\[[^\]]*\]`, '\\1', 'g'],
  [String.raw`<((https?|mailto):[^>[:space:]]*)>`, '\\1', 'g'],
  // Emphasis and strike-through: a run of * _ ~ opening a word or closing one (snake_case and 5 * 3 stay).
  // A backslash-escaped \* is a literal star: the rule below unescapes it.
  [String.raw`(?<![\w*_~\\])[*_~]+(?=[^\s*_~])`, '', 'g'],
  [String.raw`(?<=[^\s*_~\\])[*_~]+(?![\w*_~])`, '', 'g'],
  // Code ticks, table pipes, backslash escapes.
  ['`+', '', 'g'],
  [String.raw`[ \t]*(?<!\\)\|[ \t]*`, ' ', 'g'],
  [String.raw`\\([][\\` + '`' + String.raw`*_{}()#+.!|>~-])`, '\\1', 'g'],
];

const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** A SQL expression: the plain text of the Markdown in `expr`. */
export function markdownPlainSql(expr: string): string {
  return `btrim(${RULES.reduce((sql, [p, r, f]) => `regexp_replace(${sql}, ${literal(p)}, ${literal(r)}, ${literal(f)})`, expr)})`;
}
