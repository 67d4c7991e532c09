import { useParams } from 'react-router';
import type { NetworkStateDetail } from '../../api/network';
import { DataTable } from '../../components/DataTable';
import { DetailPage } from '../../components/DetailPage';
import { QueryBoundary } from '../../components/QueryBoundary';
import { useTranslation } from '../../i18n';
import { formatDate } from '../../lib/format';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { Fact } from './Fact';
import './strings';
import { groupLabel, NAME_LANGUAGES } from './labels';
import { useNetworkState } from './queries';

/**
 * One State of the Network for everyone: its status and every change of it, and its NMIRF's
 * profile (its name in its languages, type, legal basis, coordinating ministries, website,
 * tracking system, the days it joined and adopted the Declaration).
 */
export default function StatePage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const iso3 = (useParams().iso3 ?? '').toUpperCase();
  const state = useNetworkState(iso3, locale);
  const back = { to: `/${locale}/network`, label: t('network.back') };
  useDocumentTitle(state.data?.name ?? t('network.state.title'), t('app.name'));
  if (state.isError || !state.data) {
    return <QueryBoundary query={state} back={back} loading={t('network.loading')} title={t('network.state.title')} errorTitle={t('network.loadError')} />;
  }
  return <StateDetail state={state.data} back={back} />;
}

function StateDetail({ state, back }: { state: NetworkStateDetail; back: { to: string; label: string } }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const names = NAME_LANGUAGES.filter((code) => state.nmirf_name[code]);
  /** Newest first; the position in the history keys a row (two changes may read alike). */
  const history = state.history.map((change, n) => ({ ...change, n })).reverse();
  return (
    <DetailPage title={state.name} back={back} className="page network-state">
      <dl className="details">
        <Fact label={t('network.states.status')}>
          <span data-status="">{t(`network.status.${state.status}`)}</span>
          {state.founding && <> ({t('network.states.founding')})</>}
        </Fact>
        <Fact label={t('network.states.group')}>{groupLabel(t, state.un_regional_group)}</Fact>
        <Fact label={t('network.states.joined')}>{formatDate(state.joined_on, locale)}</Fact>
        <Fact label={t('network.state.declaration')}>{state.declaration_adopted_on ? formatDate(state.declaration_adopted_on, locale) : '—'}</Fact>
      </dl>
      <section aria-labelledby="state-nmirf-heading">
        <h2 id="state-nmirf-heading">{t('network.state.nmirf')}</h2>
        {state.status === 'observer' && !names.length && <p>{t('network.state.noNmirf')}</p>}
        <dl className="details">
          <Fact label={t('network.state.names')}>
            {names.length
              ? <ul className="network-names">{names.map((code) => <li key={code} lang={code}>{state.nmirf_name[code]} <span className="muted small" lang={locale}>({t(`network.nameLanguages.${code}`)})</span></li>)}</ul>
              : '—'}
          </Fact>
          <Fact label={t('network.states.type')}>{state.nmirf_type ? t(`network.types.${state.nmirf_type}`) : '—'}</Fact>
          <Fact label={t('network.state.legalBasis')} className="pre-wrap">{state.legal_basis || '—'}</Fact>
          <Fact label={t('network.state.ministries')}>
            {state.coordinating_ministries.length ? <ul>{state.coordinating_ministries.map((ministry) => <li key={ministry}>{ministry}</li>)}</ul> : '—'}
          </Fact>
          <Fact label={t('network.state.website')} className="break-all">
            {state.website ? <a href={state.website} rel="noopener noreferrer">{state.website}</a> : '—'}
          </Fact>
          <Fact label={t('network.state.trackingSystem')}>{state.tracking_system || '—'}</Fact>
        </dl>
      </section>
      <section aria-labelledby="state-history-heading">
        <h2 id="state-history-heading">{t('network.state.history')}</h2>
        <DataTable
          caption={t('network.state.history')}
          rows={history}
          rowKey={(change) => change.n}
          empty={<p>{t('network.state.noHistory')}</p>}
          columns={[
            { header: t('network.state.changedOn'), cell: (change) => formatDate(change.changed_on, locale) },
            { header: t('network.state.from'), cell: (change) => (change.from_status ? t(`network.status.${change.from_status}`) : t('network.state.joining')) },
            { header: t('network.state.to'), cell: (change) => t(`network.status.${change.to_status}`) },
            { header: t('network.state.reason'), cell: (change) => <span className="pre-wrap">{change.reason}</span> },
          ]}
        />
      </section>
    </DetailPage>
  );
}
