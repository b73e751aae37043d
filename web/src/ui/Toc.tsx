import { useT } from '../i18n';
import { clauseAnchor } from '../text/render';

/** The clauses as a list of links to their anchors (the renderer's "clause-5-2" ids). */
export function Toc({ clauses }: { clauses: readonly { number: string; title: string; level: number; line: number }[] }) {
  const t = useT();
  return (
    <nav className="toc" aria-label={t('standard.contents')}>
      <h2>{t('standard.contents')}</h2>
      <ol>
        {clauses.map((c) => (
          <li key={`${c.line}`} style={{ paddingLeft: `${(c.level - 1) * 0.8}rem` }}>
            <a href={c.number ? `#${clauseAnchor(c.number)}` : undefined}>
              {c.number && <span className="mono">{c.number} </span>}
              {c.title}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
