import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller } from '../common/caller';
import { badInput } from '../common/errors';
import { entityColumns, entityFrom } from '../database/plain-rows';
import { markdownPlainSql } from './search-snippet';
import { StandardVersionEntity } from './standard-version.entity';
import { StandardEntity } from './standard.entity';
import { visibleTo } from './visibility';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** ts_headline marks matches with these control characters; the snippet is escaped, then they become <mark>. */
const START = '\u0002';
const STOP = '\u0003';
/** How many of the current text's blocks (paragraphs, lists, tables) a snippet is drawn from: those matching best. */
const SNIPPET_BLOCKS = 3;
/** The contract's snippet is a passage people read: the blocks lose their Markdown before ts_headline cuts fragments. */
const PLAIN_BLOCK = markdownPlainSql('m.content');

export interface SearchRow {
  standard: StandardEntity;
  /** The current version, whose text the snippet is drawn from. */
  version: StandardVersionEntity | null;
  snippet: string;
  rank: number;
}

@Injectable()
export class SearchService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Full-text search (GIN index over designation, title, scope and the current
   * text) restricted to what the caller may see, best first.
   */
  async search(caller: Caller, query: string, first = 20): Promise<SearchRow[]> {
    const q = query.trim();
    if (!q || q.length > 200) throw badInput('query', 'query must be 1 to 200 characters.');
    if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput('first', 'first must be between 1 and 100.');
    const m = this.dataSource.manager;
    // The standards and their current versions come back in the same statement as the rank and snippet: one
    // round trip, not three (hits, then standards, then versions).
    const rows: ({ id: string; version_id: string | null; rank: number; snippet: string } & Record<string, unknown>)[] = await m.query(
      // Ranked on the stored weighted vector (standard.document, GIN-indexed) by standards_search (migration
      // SearchDocument): only the matches are read, and no vector is concatenated per row.
      // The snippet is made for the page's rows only, from the title, the scope and the current version's
      // best few matching blocks (each block carries its own vector), not from the whole text.
      `WITH hits AS (SELECT h.id, h.rank FROM standards_search(websearch_to_tsquery('english', $1), $2::text[], $3) h),
       q AS (
         -- The query, and any of its words (a block may hold some of them, the text all of them).
         SELECT websearch_to_tsquery('english', $1) AS q,
                replace(plainto_tsquery('english', $1)::text, ' & ', ' | ')::tsquery AS anyq)
       SELECT h.id, h.rank::float8 AS rank, v.id AS version_id,
              ${entityColumns(this.dataSource, StandardEntity, 's', 'standard.')}, ${entityColumns(this.dataSource, StandardVersionEntity, 'v', 'version.')},
              ts_headline('english',
                s.title || E'\\n' || s.scope || E'\\n' || coalesce(t.text, ''), q.q,
                'StartSel=${START}, StopSel=${STOP}, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "') AS snippet
         FROM hits h JOIN standard s ON s.id = h.id CROSS JOIN q
         LEFT JOIN LATERAL (SELECT * FROM standard_version WHERE standard_id = s.id ORDER BY number DESC LIMIT 1) v ON true
         LEFT JOIN LATERAL (
           SELECT string_agg(${PLAIN_BLOCK}, E'\\n' ORDER BY m.ord) AS text
             FROM (SELECT b.content, u.ord
                     FROM unnest(v.blocks) WITH ORDINALITY AS u(hash, ord) JOIN text_block b ON b.hash = u.hash
                    WHERE b.search @@ q.anyq
                    ORDER BY b.search @@ q.q DESC, ts_rank(b.search, q.anyq) DESC, u.ord
                    LIMIT ${SNIPPET_BLOCKS}) m) t ON true
        ORDER BY h.rank DESC, s.designation`,
      [q, visibleTo(caller), first],
    );
    return rows.map((r) => ({
      standard: entityFrom(this.dataSource, StandardEntity, r, 'standard.')!,
      version: entityFrom(this.dataSource, StandardVersionEntity, r, 'version.'),
      rank: r.rank,
      // One line: the title, scope and blocks it was cut from are joined by line breaks.
      snippet: escapeHtml(r.snippet.replace(/\s+/g, ' ').trim()).replaceAll(START, '<mark>').replaceAll(STOP, '</mark>'),
    }));
  }
}
