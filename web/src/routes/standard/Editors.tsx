import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../graphql';
import { useT } from '../../i18n';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { TextField } from '../../ui/Field';

const FindPeople = graphql(`
  query EditorCandidates($text: String!) {
    users(filter: { text: $text, deactivated: false }, first: 8) { edges { node { id displayName email nation { code } } } }
  }
`);
const AddEditor = graphql(`
  mutation AddEditor($standardId: ID!, $userId: ID!) { addEditor(standardId: $standardId, userId: $userId) { id editors { id } } }
`);
const RemoveEditor = graphql(`
  mutation RemoveEditor($standardId: ID!, $userId: ID!) { removeEditor(standardId: $standardId, userId: $userId) { id editors { id } } }
`);

interface Editor {
  id: string;
  displayName: string;
  nation?: { code: string } | null;
}

const named = (e: Editor) => `${e.displayName}${e.nation ? ` (${e.nation.code})` : ''}`;

/**
 * A standard's editors; the secretariat adds people found by name or e-mail
 * and removes editors here (both audited by the service).
 */
export function Editors({ standardId, editors, manage, onChanged }: { standardId: string; editors: Editor[]; manage: boolean; onChanged(): void }) {
  const t = useT();
  const [text, setText] = useState('');
  const [found] = useQuery({ query: FindPeople, variables: { text: text.trim() }, pause: !manage || text.trim().length < 2 });
  const [added, add] = useMutation(AddEditor);
  const [removed, remove] = useMutation(RemoveEditor);
  if (!manage) return <>{editors.map(named).join(', ') || '—'}</>;
  const candidates = (found.data?.users.edges.map((e) => e.node) ?? []).filter((u) => !editors.some((e) => e.id === u.id));
  return (
    <>
      <ul className="plain">
        {editors.map((e) => (
          <li key={e.id}>
            {named(e)}{' '}
            <button type="button" className="link" aria-label={t('standard.removeEditor', { name: e.displayName })} onClick={async () => (await remove({ standardId, userId: e.id })).data && onChanged()}>
              {t('action.remove')}
            </button>
          </li>
        ))}
      </ul>
      <ErrorBanner error={added.error ?? removed.error} />
      <TextField label={t('standard.addEditor')} value={text} onChange={(e) => setText(e.target.value)} size={24} />
      {text.trim().length >= 2 && found.data && (
        <ul className="plain" aria-label={t('standard.candidates')}>
          {candidates.length === 0 && <li className="muted">{t('standard.noCandidate')}</li>}
          {candidates.map((u) => (
            <li key={u.id}>
              <button
                type="button"
                onClick={async () => {
                  if ((await add({ standardId, userId: u.id })).data) {
                    setText('');
                    onChanged();
                  }
                }}
              >
                {t('standard.makeEditor', { name: named(u) })}
              </button>{' '}
              <span className="muted">{u.email}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
