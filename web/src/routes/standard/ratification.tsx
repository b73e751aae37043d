import { useT } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { When } from '../../ui/time';
import type { RatificationChangeKind, RatificationResponse } from '../../graphql/graphql';

/** The edition in force as the NATO Standardization Document Database keeps it: the state now, and each change since promulgation. */
export interface EditionRatification {
  label: string;
  versionNumber: number;
  correctionReason?: string | null;
  currentRatification: { nation: { code: string; name: string }; response: RatificationResponse; implementationDate?: string | null; reservations: { clause?: string | null; text: string }[] }[];
  ratificationChanges: {
    id: string; changedAt: string; kind: RatificationChangeKind; response: RatificationResponse; implementationDate?: string | null;
    nation: { code: string; name: string }; withdrawnReservation?: { clause?: string | null; text: string } | null;
  }[];
}

export function RatificationNow({ edition }: { edition: EditionRatification }) {
  const t = useT();
  return (
    <>
      {edition.correctionReason && (
        <p className="notice">
          {t('edition.correction', { label: edition.label, reason: edition.correctionReason })}
        </p>
      )}
      <div className="table-scroll">
      <DataTable
        caption={t('ratification.now', { label: edition.label })}
        rows={edition.currentRatification}
        rowKey={(r) => r.nation.code}
        empty={t('ratification.none')}
        columns={[
          { header: t('ratification.nation'), cell: (r) => r.nation.name },
          { header: t('ratification.response'), cell: (r) => t(`response.${r.response}`) },
          { header: t('ratification.implementation'), cell: (r) => <When at={r.implementationDate} dateOnly /> },
          { header: t('ratification.reservations'), cell: (r) => r.reservations.length, className: 'num' },
        ]}
      />
      </div>
      <div className="table-scroll">
      <DataTable
        caption={t('ratification.history')}
        rows={edition.ratificationChanges}
        rowKey={(c) => c.id}
        empty={t('ratification.noChange')}
        columns={[
          { header: t('ratification.date'), cell: (c) => <When at={c.changedAt} /> },
          { header: t('ratification.nation'), cell: (c) => c.nation.name },
          {
            header: t('ratification.change'),
            cell: (c) => `${t(`ratificationChange.${c.kind}`)}${c.withdrawnReservation ? ` — ${c.withdrawnReservation.clause ?? '*'}: ${c.withdrawnReservation.text}` : ''}`,
          },
          { header: t('ratification.response'), cell: (c) => t(`response.${c.response}`) },
          { header: t('ratification.implementation'), cell: (c) => <When at={c.implementationDate} dateOnly /> },
        ]}
      />
      </div>
    </>
  );
}
