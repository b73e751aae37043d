import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useDebounced } from '../../app/useDebounced';
import { graphql } from '../../graphql';
import type { Visibility } from '../../graphql/graphql';
import { T, useT } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { ErrorBanner, errorCode } from '../../ui/ErrorBanner';
import { Select, SubmitRow, TextArea, TextField } from '../../ui/Field';
import { VisibilitySelect } from '../../ui/status';
import { Page } from '../../ui/Page';
import { externalName } from '../../ui/external';

const Check = graphql(`
  query DuplicationCheck($title: String!, $scope: String!) {
    duplicationCheck(title: $title, scope: $scope, first: 8) {
      score sharedTerms
      external { id designation title body url status }
      standard { id designation title }
      replacedBy { id body designation }
    }
  }
`);

const SimilarNeeds = graphql(`
  query SimilarNeeds($title: String!, $scope: String!) {
    similarNeeds(title: $title, scope: $scope, first: 5) { score need { id reference title status supportCount } }
  }
`);

// Found by the server's search, 20 at a time, not a list of every open need: the register holds hundreds.
// Open is RAISED or ACCEPTED; the filter takes one status, hence two lists merged here in the server's order.
const OpenNeeds = graphql(`
  query ProposeOpenNeeds($text: String) {
    raised: interoperabilityNeeds(first: 20, filter: { status: RAISED, text: $text }) { totalCount edges { node { id reference title supportCount } } }
    accepted: interoperabilityNeeds(first: 20, filter: { status: ACCEPTED, text: $text }) { totalCount edges { node { id reference title supportCount } } }
  }
`);

type NeedChoice = { id: string; reference: string; title: string };
const needNumber = (reference: string) => Number(reference.replace(/\D/g, ''));

const Propose = graphql(`
  mutation ProposeStandard($input: ProposeStandardInput!) {
    proposeStandard(input: $input) { id designation }
  }
`);

export default function ProposeScreen() {
  const t = useT();
  const navigate = useNavigate();
  const [designation, setDesignation] = useState('');
  const [title, setTitle] = useState('');
  const [scope, setScope] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('NATIONS');
  const [justification, setJustification] = useState('');
  const checked = useDebounced({ title: title.trim(), scope: scope.trim() }, 400);
  const ready = checked.title.length >= 3 && checked.scope.length >= 3;
  const [candidates] = useQuery({ query: Check, variables: checked, pause: !ready });
  const [similar] = useQuery({ query: SimilarNeeds, variables: checked, pause: !ready });
  const [findNeed, setFindNeed] = useState('');
  const needWords = useDebounced(findNeed.trim(), 250);
  const [openNeeds] = useQuery({ query: OpenNeeds, variables: { text: needWords || null } });
  // The chosen needs keep their names while the search moves on.
  const [chosen, setChosen] = useState<NeedChoice[]>([]);
  const needIds = chosen.map((n) => n.id);
  const [result, propose] = useMutation(Propose);
  const found = openNeeds.data ? [...openNeeds.data.raised.edges, ...openNeeds.data.accepted.edges].map((e) => e.node) : [];
  // The server's order (most supported, then newest): the first 20 of both lists are the first 20 of the open needs.
  const choosable = found.sort((a, b) => b.supportCount - a.supportCount || needNumber(b.reference) - needNumber(a.reference)).slice(0, 20);
  const openTotal = (openNeeds.data?.raised.totalCount ?? 0) + (openNeeds.data?.accepted.totalCount ?? 0);
  const similarNeeds = ready ? (similar.data?.similarNeeds ?? []).filter((s) => s.need.status === 'RAISED' || s.need.status === 'ACCEPTED') : [];
  const named = new Map([...choosable, ...similarNeeds.map((s) => s.need), ...chosen].map((n) => [n.id, n]));
  const toggle = (id: string, on: boolean) => {
    const need = named.get(id);
    setChosen((c) => (on ? (need && !c.some((x) => x.id === id) ? [...c, { id, reference: need.reference, title: need.title }] : c) : c.filter((x) => x.id !== id)));
  };
  // No need open at all (not merely none matching the words typed, nor one already chosen): nothing to find.
  const noneOpen = !!openNeeds.data && !needWords && openTotal === 0 && chosen.length === 0;
  const duplicate = errorCode(result.error) === 'POSSIBLE_DUPLICATE';
  const list = ready ? candidates.data?.duplicationCheck ?? [] : [];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await propose({ input: { designation, title, scope, visibility, overlapJustification: justification.trim() || undefined, needIds } });
    if (r.data) navigate(`/standards/${r.data.proposeStandard.id}`);
  }

  return (
    <Page title={t('propose.title')}>
      <form onSubmit={submit} className="form-narrow wide-form">
        <TextField label={t('standard.designation')} hint={t('propose.designationHint')} value={designation} onChange={(e) => setDesignation(e.target.value)} required maxLength={60} />
        <TextField label={t('standard.titleField')} value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={300} />
        <TextArea label={t('standard.scope')} value={scope} onChange={(e) => setScope(e.target.value)} required rows={5} maxLength={5000} />
        <VisibilitySelect value={visibility} onChange={setVisibility} hint={t('propose.visibilityHint')} />

        <section aria-live="polite" aria-labelledby="dup-heading">
          <h2 id="dup-heading">{t('propose.duplicates')}</h2>
          {!ready ? (
            <p className="muted">{t('propose.typeToCheck')}</p>
          ) : candidates.fetching && !candidates.data ? (
            <p className="muted">{t('propose.checking')}</p>
          ) : (
            <DataTable
              caption={t('propose.candidates', { n: list.length })}
              rows={list}
              rowKey={(c) => c.external?.id ?? c.standard?.id ?? ''}
              empty={t('propose.noCandidates')}
              columns={[
                { header: t('propose.score'), cell: (c) => c.score.toFixed(2), className: 'num' },
                {
                  header: t('relation.standard'),
                  cell: (c) =>
                    c.external ? (
                      <>
                        <span className="nowrap">{externalName(c.external)}</span>
                        {c.external.status !== 'CURRENT' && (
                          <div className="snippet">
                            {c.replacedBy.length
                              ? t('propose.supersededBy', { names: c.replacedBy.map((r) => externalName(r)).join(', ') })
                              : t('propose.withdrawn')}
                          </div>
                        )}
                      </>
                    ) : (
                      <span className="nowrap">{c.standard?.designation}</span>
                    ),
                },
                { header: t('standard.titleField'), cell: (c) => c.external?.title ?? c.standard?.title, className: 'prose' },
                { header: t('propose.sharedTerms'), cell: (c) => c.sharedTerms.join(', ') },
              ]}
            />
          )}
        </section>

        <fieldset className="need-choice">
          <legend>{t('propose.needs')}</legend>
          {noneOpen ? (
            // Nothing to search or choose: one line says so, not an empty field and an empty select.
            <p className="muted">{t('propose.noOpenNeed')}</p>
          ) : (
            <>
              <p className="hint">{t('propose.needsHint')}</p>
              {similarNeeds.length > 0 && <p className="muted">{t('propose.similarNeeds', { n: similarNeeds.length })}</p>}
              <ul className="plain">
                {[...new Set([...similarNeeds.map((s) => s.need.id), ...needIds])].map((id) => {
                  const n = named.get(id);
                  const score = similarNeeds.find((s) => s.need.id === id)?.score;
                  return n ? (
                    <li key={id}>
                      <label className="checkbox">
                        <input type="checkbox" checked={needIds.includes(id)} onChange={(e) => toggle(id, e.target.checked)} />{' '}
                        {`${n.reference} · ${n.title}`}{score !== undefined ? ` (${t('propose.similarity', { score: score.toFixed(2) })})` : ''}
                      </label>
                    </li>
                  ) : null;
                })}
              </ul>
              <TextField
                type="search"
                label={t('propose.findNeed')}
                value={findNeed}
                onChange={(e) => setFindNeed(e.target.value)}
                hint={openNeeds.data && openTotal === 0
                  ? t(needWords ? 'propose.noNeedFound' : 'propose.noOpenNeed')
                  : openTotal > choosable.length
                    ? t('propose.findMoreNeeds', { shown: choosable.length, total: openTotal })
                    : undefined}
              />
              <Select label={t('propose.addNeed')} value="" onChange={(e) => e.target.value && toggle(e.target.value, true)}>
                <option value="">{t('propose.chooseNeed')}</option>
                {choosable.filter((n) => !needIds.includes(n.id)).map((n) => <option key={n.id} value={n.id}>{`${n.reference} · ${n.title}`}</option>)}
              </Select>
            </>
          )}
        </fieldset>

        {(list.length > 0 || duplicate) && (
          <TextArea
            label={t('propose.justification')}
            hint={t('propose.justificationHint')}
            error={duplicate ? t('propose.justificationNeeded') : undefined}
            value={justification}
            onChange={(e) => setJustification(e.target.value)}
            rows={4}
            minLength={justification ? 20 : undefined}
          />
        )}
        {!duplicate && <ErrorBanner error={result.error} />}
        <SubmitRow label={<T id="propose.submit" />} busy={result.fetching} />
      </form>
    </Page>
  );
}
