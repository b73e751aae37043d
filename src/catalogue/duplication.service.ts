import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Caller } from '../common/caller';
import { badInput } from '../common/errors';
import { AppConfig } from '../config/config';
import { readRows } from '../database/plain-rows';
import { DuplicationGate, OverlapSummary } from '../standards/duplication-gate';
import { visibleTo } from '../standards/visibility';

export interface Proposal {
  title: string;
  scope: string;
  text?: string | null;
}

export interface OverlapRow {
  kind: 'external' | 'standard';
  id: string;
  name: string;
  title: string;
  score: number;
  sharedTerms: string[];
  /** False for a superseded or withdrawn external standard. */
  current: boolean;
  /** Ids and names ("ECSS ECSS-E-AS-50-22C Rev.1") of what replaces a superseded one. */
  replacedByIds: string[];
  replacedBy: string[];
}

export const LIMITS = { title: 300, scope: 5000, textBytes: 100 * 1024, first: 50 };

/**
 * Weights of where a term stands. A shared title word says more about an overlap
 * than a shared scope word, and both more than a word somewhere in a long text.
 */
const FIELD_WEIGHT = { A: 1.0, B: 0.45, C: 0.15 };
/** Share of the score from the weighted term overlap (cosine); the rest is pg_trgm similarity of the titles. */
const TERM_SHARE = 0.8;
/** How many of the proposal's rarest terms look for candidates, and how many candidates per kind are scored. */
const QUERY_TERMS = 16;
const CANDIDATES = 50;
const TITLE_CANDIDATES = 10;
/**
 * A term in more than this share of the catalogue (and more than COMMON_MIN
 * entries) finds too much to narrow anything; it still counts in the score.
 */
const COMMON_SHARE = 0.02;
const COMMON_MIN = 20;

const weightCase = (col: string) =>
  `CASE ${col} WHEN 'A' THEN ${FIELD_WEIGHT.A} WHEN 'B' THEN ${FIELD_WEIGHT.B} ELSE ${FIELD_WEIGHT.C} END`;

/**
 * Cosine similarity of tf-idf-like term vectors (to_tsvector lexemes, weighted
 * by field and by rarity in the catalogue: catalogue_lexeme keeps the document
 * frequencies), blended with pg_trgm title similarity. Candidates are found
 * through the GIN indexes first (full-text on the rarer terms, trigram on
 * the title), so only a few dozen rows are scored however
 * large the catalogue. A standard's norm is stored (standard_duplication_norm,
 * migration SearchDocument), and only the proposal's terms are read from its
 * text's vector, so a long text is never unpacked lexeme by lexeme.
 */
const CHECK_SQL = `
WITH
n AS (SELECT catalogue_documents() AS n),
pv AS (SELECT setweight(to_tsvector('english', $1), 'A') || setweight(to_tsvector('english', $2), 'B')
              || setweight(to_tsvector('english', $3), 'C') AS v),
pl AS (SELECT u.lexeme, max(${weightCase('w')}) AS fw FROM pv, unnest(pv.v) u, unnest(u.weights) w GROUP BY u.lexeme),
pw AS (
  SELECT pl.lexeme, pl.fw * ln(1 + n.n / greatest(coalesce(s.ndoc, 0), 1)) AS w, coalesce(s.ndoc, 0) AS ndoc
    FROM pl CROSS JOIN n LEFT JOIN catalogue_lexeme s ON s.lexeme = pl.lexeme),
pnorm AS (SELECT sqrt(sum(w * w)) AS norm, array_agg(lexeme) AS lexemes FROM pw),
terms AS (
  -- The proposal's weightiest terms that are rare enough to narrow the search; the common ones still count in the score.
  SELECT pw.lexeme, pw.w, ('''' || replace(replace(pw.lexeme, '\\', '\\\\'), '''', '''''') || '''')::tsquery AS q
    FROM pw, n WHERE pw.ndoc <= greatest(n.n * ${COMMON_SHARE}, ${COMMON_MIN}) ORDER BY pw.w DESC, pw.lexeme LIMIT ${QUERY_TERMS}),
ext AS (
  -- Term at a time through the GIN index: a candidate collects the weight of each rare term it contains.
  SELECT 'external'::text AS kind, e.id, e.twin_group AS grp, e.status = 'CURRENT' AS current, e.search AS v, similarity(e.title, $1) AS tsim
    FROM (SELECT id FROM (
            SELECT x.id, sum(t.w) AS pre FROM terms t CROSS JOIN LATERAL (SELECT id FROM external_standard WHERE search @@ t.q) x
             GROUP BY x.id ORDER BY pre DESC, x.id LIMIT ${CANDIDATES}) by_terms
          UNION
          -- The titles at least half alike (catalogue_titled_like: see the migration SearchDocument).
          SELECT x.id FROM catalogue_titled_like($1, ${TITLE_CANDIDATES}) x(id)) ids
    JOIN external_standard e ON e.id = ids.id),
own AS (
  -- Weighed on title, scope and text like the proposal; the designation (in s.document) would make every "ASpP-n" alike.
  -- The title and scope's vector is stored (standard.duplication_head, migration DuplicationHead): parsing and
  -- stemming them here for each candidate was 1.5 to 2 ms of the check's ~24 ms of server CPU.
  -- Of the text, only the proposal's terms: setweight marks them in its vector, ts_filter keeps them.
  SELECT 'standard'::text AS kind, s.id, s.id AS grp, true AS current, d.norm,
         s.duplication_head AS head,
         ts_filter(setweight(s.text_search, 'A', pnorm.lexemes), '{a}') AS text_shared,
         similarity(s.title, $1) AS tsim
    FROM (SELECT id FROM (
            -- Term at a time through standard_document_idx (standards_matching: see the migration SearchDocument).
            -- Both functions filter what the caller may see (and cancelled standards) before their LIMITs, so
            -- such a standard cannot take a candidate's place and push a visible duplicate out.
            SELECT x.id, sum(t.w) AS pre FROM terms t CROSS JOIN LATERAL standards_matching(t.q, $4::text[]) x(id)
             GROUP BY x.id ORDER BY pre DESC, x.id LIMIT ${CANDIDATES}) by_terms
          UNION
          SELECT x.id FROM standards_titled_like($1, $4::text[], ${TITLE_CANDIDATES}) x(id)) ids
    JOIN standard s ON s.id = ids.id LEFT JOIN standard_duplication_norm d ON d.standard_id = s.id CROSS JOIN pnorm),
cl AS (
  -- A catalogue entry's vector is short (title and scope): all its terms, for its norm.
  SELECT c.kind, c.id, u.lexeme, max(${weightCase('w')}) AS fw
    FROM ext c, unnest(c.v) u, unnest(u.weights) w GROUP BY c.kind, c.id, u.lexeme
  UNION ALL
  -- A standard's: the proposal's terms only, in its title and scope, and in its text (weighed as text).
  SELECT o.kind, o.id, x.lexeme, max(x.fw)
    FROM own o CROSS JOIN LATERAL (
      SELECT u.lexeme, ${weightCase('w')} AS fw FROM unnest(o.head) u, unnest(u.weights) w, pnorm WHERE u.lexeme = ANY(pnorm.lexemes)
      UNION ALL
      SELECT u.lexeme, ${FIELD_WEIGHT.C} FROM unnest(o.text_shared) u) x
   GROUP BY o.kind, o.id, x.lexeme),
cw AS (
  SELECT cl.kind, cl.id, cl.lexeme, cl.fw * ln(1 + n.n / greatest(coalesce(s.ndoc, 0), 1)) AS w, pw.w AS pw
    FROM cl CROSS JOIN n LEFT JOIN catalogue_lexeme s ON s.lexeme = cl.lexeme LEFT JOIN pw ON pw.lexeme = cl.lexeme),
scored AS (
  SELECT cw.kind, cw.id, sqrt(sum(cw.w * cw.w)) AS norm, coalesce(sum(cw.w * cw.pw), 0) AS dot FROM cw GROUP BY cw.kind, cw.id),
cand AS (
  SELECT kind, id, grp, current, tsim, NULL::float8 AS norm FROM ext
  UNION ALL SELECT kind, id, grp, current, tsim, norm FROM own),
final AS (
  SELECT c.kind, c.id, c.grp, c.current,
         least(1, ${TERM_SHARE} * coalesce(sc.dot / nullif(coalesce(c.norm, sc.norm) * pnorm.norm, 0), 0) + ${1 - TERM_SHARE} * c.tsim) AS score
    FROM cand c JOIN scored sc ON sc.kind = c.kind AND sc.id = c.id CROSS JOIN pnorm),
best AS (
  SELECT DISTINCT ON (kind, grp) kind, id, current, score FROM final ORDER BY kind, grp, current DESC, score DESC, id),
surface AS (
  -- The first word of the title or scope that gives each lexeme, so the terms read as words, not stems.
  SELECT DISTINCT ON (u.lexeme) u.lexeme, w.word
    FROM regexp_split_to_table(lower($1 || ' ' || $2), '[^[:alnum:]-]+') WITH ORDINALITY AS w(word, ord),
         unnest(to_tsvector('english', w.word)) u
   ORDER BY u.lexeme, w.ord),
top AS (
  SELECT b.kind, b.id, b.score::float8 AS score, b.current,
       ARRAY(SELECT r.id FROM external_link l JOIN external_standard r ON r.id = l.from_id
              WHERE b.kind = 'external' AND l.to_id = b.id AND l.kind = 'REPLACES' ORDER BY r.designation) AS replaced_by_ids,
       ARRAY(SELECT r.body || ' ' || r.designation FROM external_link l JOIN external_standard r ON r.id = l.from_id
              WHERE b.kind = 'external' AND l.to_id = b.id AND l.kind = 'REPLACES' ORDER BY r.designation) AS replaced_by,
       coalesce(e.body || ' ' || e.designation || coalesce(' (also ' || (
         SELECT string_agg(o.body || ' ' || o.designation, ', ' ORDER BY o.body, o.designation)
           FROM external_standard o WHERE o.twin_group = e.twin_group AND o.id <> e.id) || ')', ''), s.designation) AS name, coalesce(e.title, s.title) AS title,
       -- The five terms that weigh most in the overlap, for the rows shown only.
       ARRAY(SELECT coalesce(sf.word, x.lexeme) FROM (
               SELECT cw.lexeme, cw.w * cw.pw AS x FROM cw WHERE cw.kind = b.kind AND cw.id = b.id AND cw.pw IS NOT NULL
                ORDER BY cw.w * cw.pw DESC, cw.lexeme LIMIT 5) x
               LEFT JOIN surface sf ON sf.lexeme = x.lexeme ORDER BY x.x DESC, x.lexeme) AS shared
  FROM best b
  LEFT JOIN external_standard e ON b.kind = 'external' AND e.id = b.id
  LEFT JOIN standard s ON b.kind = 'standard' AND s.id = b.id
 WHERE b.score > 0
 ORDER BY b.score DESC, name
 LIMIT $5)
-- The most alike, then current documents before superseded and withdrawn ones (ranking them last
-- before the LIMIT would let a dozen weak current matches hide a superseded one identical to the proposal).
SELECT * FROM top ORDER BY current DESC, score DESC, name`;

@Injectable()
export class DuplicationService implements DuplicationGate {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /**
   * External standards (one per group of twins) and the caller's visible
   * standards: current documents first, most alike first within each; a
   * superseded or withdrawn external standard comes after them, with what
   * replaces it, since what a proposal must not duplicate is what is in force.
   */
  async check(caller: Caller, proposal: Proposal, first = 10, m: EntityManager = this.dataSource.manager): Promise<OverlapRow[]> {
    const title = (proposal.title ?? '').trim();
    const scope = (proposal.scope ?? '').trim();
    const text = proposal.text ?? '';
    if (!title) throw badInput('title', 'title must not be empty.');
    if (title.length > LIMITS.title) throw badInput('title', `title must be at most ${LIMITS.title} characters.`);
    if (scope.length > LIMITS.scope) throw badInput('scope', `scope must be at most ${LIMITS.scope} characters.`);
    if (Buffer.byteLength(text, 'utf8') > LIMITS.textBytes) {
      throw badInput('text', `text must be at most ${LIMITS.textBytes / 1024} KB; check the title and scope, or the first part of the text.`);
    }
    if (!Number.isInteger(first) || first < 1 || first > LIMITS.first) throw badInput('first', `first must be between 1 and ${LIMITS.first}.`);
    const rows: {
      kind: 'external' | 'standard'; id: string; score: number; name: string; title: string; shared: string[];
      current: boolean; replaced_by_ids: string[]; replaced_by: string[];
    }[] = await readRows(m, CHECK_SQL, [title, scope, text, visibleTo(caller), first]);
    return rows.map((r) => ({
      kind: r.kind, id: r.id, name: r.name, title: r.title,
      score: Math.round(r.score * 1000) / 1000, sharedTerms: [...new Set(r.shared ?? [])],
      current: r.current, replacedByIds: r.replaced_by_ids, replacedBy: r.replaced_by,
    }));
  }

  /** The gate proposeStandard asks: candidates at or above DUPLICATE_THRESHOLD. */
  async overlaps(caller: Caller, proposal: { title: string; scope: string }, m: EntityManager): Promise<OverlapSummary[]> {
    const rows = await this.check(caller, proposal, 10, m);
    return rows
      .filter((r) => r.score >= this.config.DUPLICATE_THRESHOLD)
      .map((r) => ({
        name: r.current ? r.name : `${r.name} (${r.replacedBy.length ? `superseded by ${r.replacedBy.join(' and ')}` : 'withdrawn'})`,
        title: r.title,
        score: r.score,
      }));
  }
}
