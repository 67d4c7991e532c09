import { Link, useParams } from 'react-router';
import { decisionUrl, type DecisionRecord } from '../../api/network';
import { DataTable } from '../../components/DataTable';
import { DetailPage } from '../../components/DetailPage';
import { QueryBoundary } from '../../components/QueryBoundary';
import { useTranslation } from '../../i18n';
import { formatDate, formatNumber } from '../../lib/format';
import { formatDateTime } from '../../lib/format-detail';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { Fact } from './Fact';
import './strings';
import { stateName } from './labels';
import { useDecision, useNetworkStates } from './queries';

/**
 * A published decision record: the meeting, the proposal, how it was decided, each State's vote, the
 * rule and the outcome, with the SHA-256 of its canonical form and the JSON as published, which
 * `npm run verify:decision` recomputes.
 */
export default function DecisionPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const id = useParams().id ?? '';
  const decision = useDecision(id, locale);
  const back = { to: `/${locale}/network`, label: t('network.back') };
  const title = t('network.decision.title');
  useDocumentTitle(title, t('app.name'));
  if (decision.isError || !decision.data) {
    return <QueryBoundary query={decision} back={back} loading={t('network.loading')} title={title} errorTitle={t('network.loadError')} />;
  }
  return <Record id={id} record={decision.data} back={back} title={title} />;
}

function Record({ id, record, back, title }: { id: string; record: DecisionRecord; back: { to: string; label: string }; title: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const states = useNetworkStates(locale);
  const names = new Map((states.data ?? []).map((state) => [state.iso3, state.name]));
  const name = (iso3: string) => stateName(names, iso3);
  const votes = new Map(record.votes.map((vote) => [vote.state, vote]));
  const count = (n: number) => formatNumber(n, locale);
  return (
    <DetailPage title={title} back={back} className="page network-decision">
      <p className={`decision-outcome outcome-${record.outcome}`}><strong>{t(`network.outcome.${record.outcome}`)}</strong></p>
      <dl className="details">
        <Fact label={t('network.decision.meeting')}><Link to={`/${locale}/network/meetings/${record.meeting.id}`}>{record.meeting.title}</Link> ({formatDate(record.meeting.date, locale)})</Fact>
        <Fact label={t('network.decision.agendaItem')}>{record.agenda_item.title}</Fact>
        <Fact label={t('network.decision.proposal')} className="pre-wrap">{record.proposal.text}</Fact>
        <Fact label={t('network.decision.method')}>{t(`network.decision.methods.${record.method}`)}</Fact>
        <Fact label={t('network.decision.rule')}>{t(`network.decision.rules.${record.method}`)} <code>{record.rule}</code></Fact>
        <Fact label={t('network.decision.decidedAt')}>{formatDateTime(record.decided_at, locale)}</Fact>
        <Fact label={t('network.decision.observersPresent')}>{record.observers_present.map(name).join(', ') || '—'}</Fact>
        <Fact label={t('network.decision.objections')}>{record.objections.map(name).join(', ') || t('network.decision.noObjection')}</Fact>
      </dl>
      {record.tally && (
        <p data-tally="">
          {t('network.decision.tally', { yes: count(record.tally.yes), no: count(record.tally.no), abstain: count(record.tally.abstain), notVoting: count(record.tally.present_not_voting) })}
        </p>
      )}
      <section aria-labelledby="decision-votes-heading">
        <h2 id="decision-votes-heading">{t('network.decision.membersPresent')}</h2>
        <DataTable
          caption={t('network.decision.membersPresent')}
          rows={record.members_present}
          rowKey={(iso3) => iso3}
          rowProps={(iso3) => ({ 'data-state': iso3 })}
          empty={<p>{t('network.attendance.none')}</p>}
          columns={[
            { header: t('network.states.state'), cell: (iso3) => name(iso3) },
            {
              header: t('network.decision.vote'),
              cell: (iso3) => {
                const vote = votes.get(iso3);
                if (record.method === 'consensus') return record.objections.includes(iso3) ? t('network.decision.objected') : t('network.decision.noObjection');
                return vote ? `${t(`network.votes.${vote.vote}`)} (${t(`network.castBy.${vote.cast_by}`)})` : t('network.decision.notVoting');
              },
            },
          ]}
        />
      </section>
      <section aria-labelledby="decision-integrity-heading">
        <h2 id="decision-integrity-heading">{t('network.decision.integrity')}</h2>
        <p>{t('network.decision.sha256')} <code className="break-all" data-sha256="">{record.sha256}</code></p>
        <p>{t('network.decision.verifyHint')}</p>
        <p><a href={decisionUrl(id)} download={`decision-${id}.json`} type="application/json">{t('network.decision.download')}</a></p>
      </section>
    </DetailPage>
  );
}
