import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useClient, useMutation, useQuery } from 'urql';
import { useDebounced } from '../../app/useDebounced';
import { graphql } from '../../graphql';
import { useT } from '../../i18n';
import { renderWithLines } from '../../text/render';
import { resolveConflict, sectionText } from '../../text/sections';
import { draftingWarnings } from '../../text/warnings';
import { ErrorBanner, errorCode } from '../../ui/ErrorBanner';
import { TextField } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { When } from '../../ui/time';
import { StandardPage, VersionText } from '../standard';
import { CodeEditor } from './CodeEditor';

const CreateVersion = graphql(`
  mutation CreateVersion($input: CreateVersionInput!) {
    createVersion(input: $input) { id number }
  }
`);

interface LocalDraft {
  baseVersionId: string | null;
  text: string;
  savedAt: string;
}

/** The draft lives in this browser until the service has it: nothing typed is lost to a crash or a conflict. */
const draftKey = (standardId: string) => `ssw.draft.${standardId}`;
function readDraft(standardId: string): LocalDraft | null {
  try {
    return JSON.parse(localStorage.getItem(draftKey(standardId)) ?? 'null');
  } catch {
    return null;
  }
}

const TEMPLATE = '# Title\n\n## 1 Scope\n\nThis standard specifies …\n\n## 2 Requirements\n\nThe provider shall …\n';

interface Conflict {
  clauses: string[];
  base: string;
  theirs: string;
  theirsId: string;
  theirsNumber: number;
}

export default function Editor() {
  const t = useT();
  const navigate = useNavigate();
  const client = useClient();
  const { id = '' } = useParams();
  const [page, refetchPage] = useQuery({ query: StandardPage, variables: { id }, requestPolicy: 'cache-and-network' });
  const standard = page.data?.standard;
  const current = standard?.versions.at(-1);
  const [currentText] = useQuery({ query: VersionText, variables: { id: current?.id ?? '' }, pause: !current });

  const [text, setText] = useState<string | null>(null);
  const [baseId, setBaseId] = useState<string | null>(null);
  const [restored, setRestored] = useState<LocalDraft | null>(null);
  const [label, setLabel] = useState('');
  const [summary, setSummary] = useState('');
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [result, createVersion] = useMutation(CreateVersion);

  // Start from the local draft if there is one, else from the current version (or a template for the first).
  useEffect(() => {
    if (text !== null || !standard || (current && !currentText.data)) return;
    const local = readDraft(standard.id);
    if (local) {
      setText(local.text);
      setBaseId(local.baseVersionId);
      setRestored(local);
    } else {
      setText(currentText.data?.standardVersion?.text ?? TEMPLATE);
      setBaseId(current?.id ?? null);
    }
  }, [standard, current, currentText.data, text]);

  const settled = useDebounced(text ?? '', 250);
  useEffect(() => {
    if (text === null || !standard) return;
    const base = baseId === current?.id ? currentText.data?.standardVersion?.text : undefined;
    if (text === base) localStorage.removeItem(draftKey(standard.id));
    else localStorage.setItem(draftKey(standard.id), JSON.stringify({ baseVersionId: baseId, text: settled, savedAt: new Date().toISOString() } satisfies LocalDraft));
  }, [settled]);
  const preview = useMemo(() => renderWithLines(settled), [settled]);
  const warnings = useMemo(() => draftingWarnings(settled), [settled]);

  if (page.error) return <ErrorBanner error={page.error} />;
  if (!standard || text === null) return <p className="loading">{t('app.loading')}</p>;
  const baseNumber = standard.versions.find((v) => v.id === baseId)?.number;

  async function save() {
    const r = await createVersion({ input: { standardId: id, baseVersionId: baseId, text: text!, label: label || undefined, summary: summary || undefined } });
    if (r.data) {
      localStorage.removeItem(draftKey(id));
      navigate(`/standards/${id}?v=${r.data.createVersion.number}`);
      return;
    }
    const err = r.error?.graphQLErrors[0];
    if (errorCode(r.error) === 'VERSION_CONFLICT' && baseId) {
      refetchPage({ requestPolicy: 'network-only' });
      const ext = err!.extensions as { conflictClauses: string[]; currentVersionId: string; currentVersionNumber: number };
      const [base, theirs] = await Promise.all([
        client.query(VersionText, { id: baseId }).toPromise(),
        client.query(VersionText, { id: ext.currentVersionId }).toPromise(),
      ]);
      setConflict({
        clauses: ext.conflictClauses,
        base: base.data?.standardVersion?.text ?? '',
        theirs: theirs.data?.standardVersion?.text ?? '',
        theirsId: ext.currentVersionId,
        theirsNumber: ext.currentVersionNumber,
      });
    }
  }

  return (
    <Page
      title={t('editor.title', { designation: standard.designation })}
      wide
      actions={<Link to={`/standards/${id}`}>{t('editor.backToStandard')}</Link>}
    >
      {restored && (
        <div className="notice" role="status">
          {t('editor.restored')} <When at={restored.savedAt} />.{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              localStorage.removeItem(draftKey(id));
              setText(currentText.data?.standardVersion?.text ?? TEMPLATE);
              setBaseId(current?.id ?? null);
              setRestored(null);
            }}
          >
            {t('editor.discard')}
          </button>
        </div>
      )}
      <p className="muted">{baseNumber ? t('editor.basedOn', { n: baseNumber }) : t('editor.first')}</p>
      {conflict ? (
        <ConflictResolver
          conflict={conflict}
          mine={text}
          onResolved={(resolved) => {
            setText(resolved);
            setBaseId(conflict.theirsId);
            setConflict(null);
          }}
          onCancel={() => setConflict(null)}
        />
      ) : (
        <>
          {errorCode(result.error) !== 'VERSION_CONFLICT' && <ErrorBanner error={result.error} />}
          <div className="editor-grid">
            <section aria-labelledby="source-h">
              <h2 id="source-h">{t('editor.source')}</h2>
              <CodeEditor value={text} onChange={setText} label={t('editor.source')} />
              <section aria-labelledby="warn-h" aria-live="polite">
                <h3 id="warn-h">{t('editor.warnings', { n: warnings.length })}</h3>
                {warnings.length > 0 && (
                  <ul className="warnings">
                    {warnings.map((w, i) => (
                      <li key={i}>
                        <span className="mono">{t('editor.line', { n: w.line })}</span> {t(w.message, w.values)}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            </section>
            <section aria-labelledby="preview-h">
              <h2 id="preview-h">{t('editor.preview')}</h2>
              <article className="doc numbered preview" dangerouslySetInnerHTML={{ __html: preview }} />
            </section>
          </div>
          <div className="inline-fields save-bar">
            <TextField label={t('version.label')} value={label} onChange={(e) => setLabel(e.target.value)} maxLength={200} />
            <TextField label={t('version.summary')} value={summary} onChange={(e) => setSummary(e.target.value)} maxLength={2000} />
            <button type="button" className="primary" onClick={() => void save()} disabled={result.fetching || standard.status !== 'DRAFTING'}>
              {t('editor.save')}
            </button>
            {standard.status !== 'DRAFTING' && <span className="muted">{t('editor.notDrafting', { status: t(`status.${standard.status}`) })}</span>}
          </div>
        </>
      )}
    </Page>
  );
}

type Choice = 'theirs' | 'mine' | 'edit';

function ConflictResolver({ conflict, mine, onResolved, onCancel }: { conflict: Conflict; mine: string; onResolved(text: string): void; onCancel(): void }) {
  const t = useT();
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [failed, setFailed] = useState(false);
  const clauses = conflict.clauses.length ? conflict.clauses : [];
  const done = clauses.every((c) => choices[c]);

  function apply() {
    const chosen: Record<string, string> = {};
    for (const c of clauses) {
      chosen[c] = choices[c] === 'theirs' ? sectionText(conflict.theirs, c) : choices[c] === 'mine' ? sectionText(mine, c) : edits[c] ?? sectionText(mine, c);
    }
    const merged = resolveConflict(conflict.base, conflict.theirs, mine, chosen);
    if (merged === null) setFailed(true);
    else onResolved(merged);
  }

  return (
    <section className="conflict" aria-labelledby="conflict-h">
      <h2 id="conflict-h">{t('conflict.title', { n: conflict.theirsNumber })}</h2>
      <p>{t('conflict.explain', { clauses: clauses.join(', ') || '—' })}</p>
      {clauses.map((c) => (
        <fieldset key={c} className="conflict-clause">
          <legend>{t('conflict.clause', { clause: c })}</legend>
          <div className="conflict-sides">
            <div>
              <h3>{t('conflict.theirs', { n: conflict.theirsNumber })}</h3>
              <pre>{sectionText(conflict.theirs, c)}</pre>
            </div>
            <div>
              <h3>{t('conflict.mine')}</h3>
              <pre>{sectionText(mine, c)}</pre>
            </div>
          </div>
          <div className="actions" role="radiogroup" aria-label={t('conflict.choose', { clause: c })}>
            {(['theirs', 'mine', 'edit'] as const).map((choice) => (
              <label key={choice}>
                <input type="radio" name={`choice-${c}`} checked={choices[c] === choice} onChange={() => setChoices({ ...choices, [c]: choice })} /> {t(`conflict.take.${choice}`)}
              </label>
            ))}
          </div>
          {choices[c] === 'edit' && (
            <label className="field">
              <span>{t('conflict.editLabel', { clause: c })}</span>
              <textarea rows={8} value={edits[c] ?? sectionText(mine, c)} onChange={(e) => setEdits({ ...edits, [c]: e.target.value })} />
            </label>
          )}
        </fieldset>
      ))}
      {failed && <div className="error-banner" role="alert">{t('conflict.failed')}</div>}
      <div className="actions">
        <button type="button" className="primary" disabled={!done} onClick={apply}>
          {t('conflict.apply')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('action.cancel')}
        </button>
      </div>
    </section>
  );
}
