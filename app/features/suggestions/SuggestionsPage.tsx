/**
 * The secretariat's review queue of label suggestions: recommendations with open suggestions of
 * the current model, filtered by field, band, mechanism or search text; why each one is suggested
 * (the most similar labelled recommendations and the words that weighed most); accept or reject
 * one; accept every high one of the selection, into empty fields or adding, after seeing the count.
 * The model's version, training date, size and measured quality are shown above the queue.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { searchRecommendations } from '../../api/client';
import { errorMessage } from '../../api/http';
import { keys } from '../../api/query-keys';
import {
  acceptHighBand,
  type BulkAccept,
  decideSuggestion,
  getSuggestionQueue,
  getSuggestions,
  type QueueFilters,
  type SuggestionField,
  type SuggestionModel,
  type SuggestionQueue,
} from '../../api/suggestions';
import { SignInNotice } from '../../components/Notice';
import { QueryList } from '../../components/QueryList';
import { useTranslation } from '../../i18n';
import { useFocusOnNavigation } from '../../lib/focus';
import { formatDate, formatNumber } from '../../lib/format';
import { can } from '../../lib/permissions';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { SUGGESTION_FIELDS } from '../../../shared/suggestion-fields';
import { useSession } from '../../api/session';
import '../../lib/workspace-strings';

const EMPTY: QueueFilters = { field: '', band: '', mechanism: '', q: '', page: 1 };
const percent = (value: number, locale: string) => `${formatNumber(Math.round(value * 1000) / 10, locale)} %`;

export default function SuggestionsPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const session = useSession(true);
  const me = session.data;
  const allowed = can(me, 'suggestion:read');
  const mayDecide = can(me, 'suggestion:decide');
  const [filters, setFilters] = useState<QueueFilters>(EMPTY);
  const [draft, setDraft] = useState<QueueFilters>(EMPTY);
  const [notice, setNotice] = useState<string | null>(null);
  const queue = useQuery({
    queryKey: keys.suggestions.queue(filters, locale),
    queryFn: ({ signal }) => getSuggestionQueue(filters, locale, signal),
    enabled: allowed,
  });
  const mechanisms = useQuery({
    queryKey: keys.mechanismFacet(locale),
    queryFn: ({ signal }) => searchRecommendations(new URLSearchParams({ page_size: '1', locale }), signal),
    select: (data) => data.facets.mechanism,
    enabled: allowed,
  });
  const title = t('suggestions.title');
  useDocumentTitle(title, t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading, !session.isPending);

  if (session.isPending)
    return (
      <p role="status" className="page">
        {t('workspace.loading')}
      </p>
    );

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    setFilters({ ...draft, page: 1 });
  };

  return (
    <div className="page suggestions-page">
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {!me && <SignInNotice />}
      {me && !allowed && (
        <div className="alert alert-info">
          <p>{t('suggestions.notAllowed')}</p>
        </div>
      )}
      {allowed && (
        <>
          <p className="intro">{t('suggestions.intro')}</p>
          <form className="panel suggestions-filters" onSubmit={apply} aria-label={t('suggestions.filters.label')}>
            <div className="field">
              <label htmlFor="suggestions-field">{t('suggestions.filters.field')}</label>
              <select
                id="suggestions-field"
                value={draft.field}
                onChange={(e) => setDraft({ ...draft, field: e.target.value as QueueFilters['field'] })}
              >
                <option value="">{t('suggestions.filters.anyField')}</option>
                {SUGGESTION_FIELDS.map((field) => (
                  <option key={field} value={field}>
                    {t(`suggestions.field.${field}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="suggestions-band">{t('suggestions.filters.band')}</label>
              <select
                id="suggestions-band"
                value={draft.band}
                onChange={(e) => setDraft({ ...draft, band: e.target.value as QueueFilters['band'] })}
              >
                <option value="">{t('suggestions.filters.anyBand')}</option>
                <option value="high">{t('suggestions.band.high')}</option>
                <option value="medium">{t('suggestions.band.medium')}</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="suggestions-mechanism">{t('suggestions.filters.mechanism')}</label>
              <select
                id="suggestions-mechanism"
                value={draft.mechanism}
                onChange={(e) => setDraft({ ...draft, mechanism: e.target.value })}
              >
                <option value="">{t('suggestions.filters.anyMechanism')}</option>
                {(mechanisms.data ?? []).map((m) => (
                  <option key={m.key} value={m.key}>
                    {m.short ?? m.key} — {m.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="suggestions-q">{t('suggestions.filters.q')}</label>
              <input
                id="suggestions-q"
                type="search"
                value={draft.q}
                maxLength={500}
                onChange={(e) => setDraft({ ...draft, q: e.target.value })}
              />
            </div>
            <button type="submit">{t('suggestions.filters.apply')}</button>
          </form>
          <div role="status" className="suggestions-notice">
            {notice && <p className="alert alert-success">{notice}</p>}
          </div>
          <QueryList query={queue} loading={t('suggestions.loading')} errorTitle={t('suggestions.error')}>
            {(data) => (
              <>
                <ModelQuality model={data.model} />
                {data.model && mayDecide && (
                  <BulkAcceptForm filters={filters} model={data.model} csrf={me!.csrf_token} onDone={setNotice} />
                )}
                <Queue
                  data={data}
                  mayDecide={mayDecide}
                  csrf={me?.csrf_token ?? ''}
                  onDone={setNotice}
                  onPage={(page) => setFilters((f) => ({ ...f, page }))}
                />
              </>
            )}
          </QueryList>
        </>
      )}
    </div>
  );
}

function ModelQuality({ model }: { model: SuggestionModel | null }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  if (!model) return <p className="alert alert-info">{t('suggestions.model.none')}</p>;
  return (
    <section className="panel suggestions-model" aria-labelledby="suggestions-model-heading">
      <h2 id="suggestions-model-heading">{t('suggestions.model.heading', { version: model.version })}</h2>
      <p>{t('suggestions.model.summary', { date: formatDate(model.trained_at.slice(0, 10), locale), count: model.training_size })}</p>
      <table className="data-table suggestions-quality">
        <caption className="visually-hidden">{t('suggestions.model.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('suggestions.model.field')}</th>
            <th scope="col">{t('suggestions.model.records')}</th>
            <th scope="col">{t('suggestions.model.precisionAt1')}</th>
            <th scope="col">{t('suggestions.model.recallAt5')}</th>
            <th scope="col">{t('suggestions.model.highPrecision')}</th>
          </tr>
        </thead>
        <tbody>
          {SUGGESTION_FIELDS.filter((field) => model.quality[field]).map((field) => {
            const q = model.quality[field]!;
            return (
              <tr key={field}>
                <th scope="row">{t(`suggestions.field.${field}`)}</th>
                <td>{formatNumber(q.training_size, locale)}</td>
                <td>{q.held_back ? percent(q.precision_at_1, locale) : '—'}</td>
                <td>{q.held_back ? percent(q.recall_at_5, locale) : '—'}</td>
                <td>{q.held_back ? percent(q.high_precision, locale) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function BulkAcceptForm({
  filters,
  model,
  csrf,
  onDone,
}: {
  filters: QueueFilters;
  model: SuggestionModel;
  csrf: string;
  onDone: (notice: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'empty' | 'add'>('empty');
  const [preview, setPreview] = useState<BulkAccept | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const selection = {
    field: filters.field ? [filters.field] : undefined,
    mechanism: filters.mechanism ? [filters.mechanism] : undefined,
    q: filters.q || undefined,
    mode,
    model_version: model.version,
  };
  const run = async (write: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const result = await acceptHighBand({ ...selection, preview: !write }, locale, csrf);
      if (write) {
        setPreview(null);
        onDone(t('suggestions.bulk.done', { count: result.labels }));
        await queryClient.invalidateQueries({ queryKey: keys.suggestions.all });
      } else {
        setPreview(result);
      }
    } catch (e) {
      setError(errorMessage(e, t('suggestions.bulk.error')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel suggestions-bulk" aria-labelledby="suggestions-bulk-heading">
      <h2 id="suggestions-bulk-heading">{t('suggestions.bulk.heading')}</h2>
      <p>{t('suggestions.bulk.intro')}</p>
      <fieldset>
        <legend>{t('suggestions.bulk.mode')}</legend>
        {(['empty', 'add'] as const).map((value) => (
          <div key={value}>
            <input
              type="radio"
              id={`suggestions-mode-${value}`}
              name="suggestions-mode"
              value={value}
              checked={mode === value}
              onChange={() => {
                setMode(value);
                setPreview(null);
              }}
            />
            <label htmlFor={`suggestions-mode-${value}`}>{t(`suggestions.bulk.${value}`)}</label>
          </div>
        ))}
      </fieldset>
      <button type="button" className="secondary" disabled={busy} onClick={() => void run(false)}>
        {t('suggestions.bulk.count')}
      </button>
      <div role="status" className="suggestions-bulk-preview">
        {preview && <p>{t('suggestions.bulk.preview', { count: preview.labels, recommendations: preview.recommendations })}</p>}
      </div>
      {preview && preview.labels > 0 && (
        <button type="button" disabled={busy} onClick={() => void run(true)}>
          {t('suggestions.bulk.accept', { count: preview.labels })}
        </button>
      )}
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function Queue({
  data,
  mayDecide,
  csrf,
  onDone,
  onPage,
}: {
  data: SuggestionQueue;
  mayDecide: boolean;
  csrf: string;
  onDone: (notice: string) => void;
  onPage: (page: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  if (!data.model) return null;
  if (data.items.length === 0) return <p>{t('suggestions.empty')}</p>;
  return (
    <>
      <p>{t('suggestions.total', { count: data.total })}</p>
      <ul className="plain-list suggestions-queue">
        {data.items.map((item) => (
          <li key={item.id}>
            <article className="panel suggestion-item" aria-labelledby={`suggestion-${item.id}`} data-suggestion-item={item.id}>
              <h2 id={`suggestion-${item.id}`} className="h3">
                <Link to={`/${locale}/recommendations/${item.id}`}>
                  {item.symbol
                    ? t('suggestions.item.heading', { symbol: item.symbol, paragraph: item.paragraph ?? '—' })
                    : t('suggestions.item.untitled', { id: item.id })}
                </Link>
                <span className="muted small"> · {item.mechanism.label}</span>
              </h2>
              <p>{item.text}</p>
              <ul className="plain-list suggestion-labels">
                {item.suggestions.map((s) => (
                  <SuggestionRow
                    key={`${s.field}:${s.key}`}
                    recommendationId={item.id}
                    suggestion={s}
                    modelVersion={data.model!.version}
                    mayDecide={mayDecide}
                    csrf={csrf}
                    onDone={onDone}
                  />
                ))}
              </ul>
            </article>
          </li>
        ))}
      </ul>
      {data.total > data.page_size && (
        <nav className="pager" aria-label={t('suggestions.pages')}>
          <button type="button" className="secondary" disabled={data.page <= 1} onClick={() => onPage(data.page - 1)}>
            {t('suggestions.previous')}
          </button>{' '}
          <button
            type="button"
            className="secondary"
            disabled={data.page * data.page_size >= data.total}
            onClick={() => onPage(data.page + 1)}
          >
            {t('suggestions.next')}
          </button>
        </nav>
      )}
    </>
  );
}

function SuggestionRow({
  recommendationId,
  suggestion,
  modelVersion,
  mayDecide,
  csrf,
  onDone,
}: {
  recommendationId: number;
  suggestion: SuggestionQueue['items'][number]['suggestions'][number];
  modelVersion: number;
  mayDecide: boolean;
  csrf: string;
  onDone: (notice: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const field = t(`suggestions.field.${suggestion.field}`);
  const decide = async (decision: 'accept' | 'reject') => {
    setBusy(true);
    setError(null);
    try {
      await decideSuggestion(recommendationId, suggestion.field, suggestion.key, decision, modelVersion, locale, csrf);
      onDone(t(`suggestions.decided.${decision}`, { label: suggestion.label }));
      await queryClient.invalidateQueries({ queryKey: keys.suggestions.all });
    } catch (e) {
      setError(errorMessage(e, t('suggestions.decideError')));
      setBusy(false);
    }
  };
  return (
    <li className="suggestion-label" data-field={suggestion.field} data-band={suggestion.band}>
      <span className="muted">{field}:</span> <strong>{suggestion.label}</strong>{' '}
      <span className={`badge band-${suggestion.band}`}>
        {t(`suggestions.band.${suggestion.band}`)} · {percent(suggestion.confidence, locale)}
      </span>
      <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
        <summary>{t('suggestions.why', { label: suggestion.label })}</summary>
        {open && <Why recommendationId={recommendationId} field={suggestion.field} suggestionKey={suggestion.key} />}
      </details>
      {mayDecide && (
        <span className="suggestion-actions">
          <button
            type="button"
            disabled={busy}
            onClick={() => void decide('accept')}
            aria-label={t('suggestions.acceptOne', { field, label: suggestion.label })}
          >
            {t('suggestions.accept')}
          </button>{' '}
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => void decide('reject')}
            aria-label={t('suggestions.rejectOne', { field, label: suggestion.label })}
          >
            {t('suggestions.reject')}
          </button>
        </span>
      )}
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

function Why({ recommendationId, field, suggestionKey }: { recommendationId: number; field: SuggestionField; suggestionKey: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const query = useQuery({
    queryKey: keys.suggestions.of(recommendationId, locale),
    queryFn: ({ signal }) => getSuggestions(recommendationId, locale, signal),
  });
  return (
    <QueryList query={query} loading={t('suggestions.whyLoading')} errorTitle={t('suggestions.whyError')}>
      {(data) => {
        const suggestion = data.fields[field]?.find((s) => s.key === suggestionKey);
        if (!suggestion) return <p>{t('suggestions.whyGone')}</p>;
        return (
          <div className="suggestion-why">
            {suggestion.words.length > 0 && (
              <p>
                {t('suggestions.words')}{' '}
                {suggestion.words.map((w, i) => (
                  <span key={w}>
                    {i > 0 && ', '}
                    <q>{w}</q>
                  </span>
                ))}
              </p>
            )}
            {suggestion.examples.length > 0 && (
              <>
                <p>{t('suggestions.examples')}</p>
                <ol className="suggestion-examples">
                  {suggestion.examples.map((example) => (
                    <li key={example.id}>
                      <Link to={`/${locale}/recommendations/${example.id}`}>
                        {example.symbol ? `${example.symbol} ¶ ${example.paragraph ?? '—'}` : `#${example.id}`}
                      </Link>
                      {': '}
                      {example.text}
                    </li>
                  ))}
                </ol>
              </>
            )}
          </div>
        );
      }}
    </QueryList>
  );
}
