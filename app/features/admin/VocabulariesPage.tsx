/**
 * The administrator keeps the themes and affected persons: each term's names
 * per language and the aliases the importer matches; a term is retired (no
 * new labels, kept where used) or brought back. The mechanisms are kept on the
 * same page (MechanismsPanel).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { keys } from '../../api/query-keys';
import { useSave } from '../../api/use-save';
import { createTerm, listTerms, retireTerm, updateTerm, type EditableVocabulary, type Term } from '../../api/vocabularies';
import { DataTable } from '../../components/DataTable';
import { Field } from '../../components/Field';
import { FormErrors } from '../../components/FormErrors';
import { QueryBoundary } from '../../components/QueryBoundary';
import { INTERFACE_LANGUAGES } from '../../../shared/settings-rules';
import { can } from '../../lib/permissions';
import '../../lib/workspace-strings';
import { MechanismsPanel } from './MechanismsPanel';
import { useTranslation } from '../../i18n';
import { useWorkspacePage, WorkspacePage } from '../../components/WorkspacePage';

const VOCABULARIES = ['theme', 'affected_persons', 'mechanisms'] as const;
type Choice = (typeof VOCABULARIES)[number];

export default function VocabulariesPage() {
  const page = useWorkspacePage('vocabularies.title');
  const { t, locale, me, title } = page;
  const admin = can(me, 'vocabulary:manage');
  const [params, setParams] = useSearchParams();
  const choice: Choice = VOCABULARIES.find((code) => code === params.get('vocabulary')) ?? 'theme';
  const vocabulary: EditableVocabulary = choice === 'mechanisms' ? 'theme' : choice;
  const terms = useQuery({
    queryKey: keys.vocabulary(vocabulary, locale),
    queryFn: ({ signal }) => listTerms(vocabulary, locale, signal),
    enabled: admin && choice !== 'mechanisms',
    staleTime: 0,
  });
  const [editing, setEditing] = useState<Term | 'new' | null>(null);
  const queryClient = useQueryClient();
  const retire = useSave({
    save: (term: Term) => retireTerm(vocabulary, term.id, { version: term.version, retired: !term.retired }, locale, me!.csrf_token),
    onSaved: (list) => queryClient.setQueryData(keys.vocabulary(vocabulary, locale), list),
  });

  return (
    <WorkspacePage page={page} className="vocabularies-page" allowed={admin} notAllowed={t('vocabularies.notAdministrator')}>
      {(me) => (
        <>
          <p className="intro">{t('vocabularies.intro')}</p>
          <Field id="vocabulary-choice" label={t('vocabularies.choose')}>
            {(props) => (
              <select {...props} value={choice} onChange={(e) => { setEditing(null); setParams({ vocabulary: e.target.value }); }}>
                {VOCABULARIES.map((code) => <option key={code} value={code}>{t(`vocabularies.names.${code}`)}</option>)}
              </select>
            )}
          </Field>
          {choice === 'mechanisms' ? <MechanismsPanel csrf={me!.csrf_token} title={title} /> : (<>
          <FormErrors heading={t('vocabularies.errors.heading')} errors={{}} failure={retire.failure} failureTitle={t('vocabularies.retireError')}
            onReload={() => void terms.refetch()} />
          {editing
            ? <TermForm key={editing === 'new' ? 'new' : editing.id} vocabulary={vocabulary} term={editing === 'new' ? null : editing} csrf={me!.csrf_token}
                onDone={() => setEditing(null)} />
            : <p><button type="button" onClick={() => setEditing('new')}>{t('vocabularies.add')}</button></p>}
          <QueryBoundary query={terms} loading={t('vocabularies.loading')} errorTitle={t('vocabularies.loadError')} title={title}>
            {(data) => (
              <DataTable
                caption={t(`vocabularies.names.${vocabulary}`)}
                rows={data.items}
                rowKey={(term) => term.id}
                rowProps={(term) => ({ 'data-term': term.key })}
                empty={<p>{t('vocabularies.empty')}</p>}
                columns={[
                  { header: t('vocabularies.columns.name'), cell: (term) => term.name },
                  { header: t('vocabularies.columns.aliases'), cell: (term) => term.aliases.join('; ') },
                  { header: t('vocabularies.columns.usedBy'), cell: (term) => term.used_by },
                  { header: t('vocabularies.columns.state'), cell: (term) => (term.retired ? t('vocabularies.retired') : t('vocabularies.inUse')) },
                ]}
                actionsHeader={t('vocabularies.columns.actions')}
                actions={(term) => (
                  <span className="button-row">
                    <button type="button" className="secondary" onClick={() => setEditing(term)}
                      aria-label={t('vocabularies.editOne', { name: term.name })}>{t('vocabularies.edit')}</button>
                    <button type="button" className="secondary" disabled={retire.busy} onClick={() => retire.submit(term)}
                      aria-label={t(term.retired ? 'vocabularies.restoreOne' : 'vocabularies.retireOne', { name: term.name })}>
                      {term.retired ? t('vocabularies.restore') : t('vocabularies.retire')}
                    </button>
                  </span>
                )}
              />
            )}
          </QueryBoundary>
          </>)}
        </>
      )}
    </WorkspacePage>
  );
}

/** Adds a term, or changes one's names and aliases (one alias a line). */
function TermForm({ vocabulary, term, csrf, onDone }: { vocabulary: EditableVocabulary; term: Term | null; csrf: string; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const queryClient = useQueryClient();
  const [key, setKey] = useState('');
  const [label, setLabel] = useState<Record<string, string>>(term ? { ...term.label } : {});
  // The names are aliases anyway: the form shows the others.
  const [aliases, setAliases] = useState(term ? term.aliases.join('\n') : '');
  const [error, setError] = useState<string | undefined>();
  const save = useSave({
    save: () => {
      const body = { label, aliases: aliases.split('\n').map((a) => a.trim()).filter(Boolean) };
      return term ? updateTerm(vocabulary, term.id, { ...body, version: term.version }, locale, csrf) : createTerm(vocabulary, { ...body, key }, locale, csrf);
    },
    onSaved: (list) => {
      queryClient.setQueryData(keys.vocabulary(vocabulary, locale), list);
      onDone();
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.reset();
    if (!Object.values(label).some((name) => name.trim())) {
      setError(t('vocabularies.errors.name'));
      document.getElementById(`term-name-${INTERFACE_LANGUAGES[0]}`)?.focus();
      return;
    }
    setError(undefined);
    save.submit(undefined);
  }

  return (
    <form className="workspace-form" onSubmit={submit} noValidate aria-labelledby="term-form-heading">
      <h2 id="term-form-heading">{term ? t('vocabularies.editHeading', { name: term.name }) : t('vocabularies.addHeading')}</h2>
      <FormErrors heading={t('vocabularies.errors.heading')} errors={{ name: error }} failure={save.failure} failureTitle={t('vocabularies.saveError')} />
      {!term && (
        <Field id="term-key" label={t('vocabularies.key')} hint={t('vocabularies.keyHint')} required>
          {(props) => <input {...props} type="text" maxLength={60} value={key} onChange={(e) => setKey(e.target.value)} />}
        </Field>
      )}
      <fieldset className="form-group">
        <legend>{t('vocabularies.names.label')}</legend>
        <div className="form-row">
          {INTERFACE_LANGUAGES.map((code) => (
            <div key={code} className="field">
              <label htmlFor={`term-name-${code}`}>{t(`languages.${code}`)}</label>
              <input id={`term-name-${code}`} type="text" lang={code} maxLength={200} value={label[code] ?? ''}
                aria-invalid={error ? true : undefined} onChange={(e) => setLabel({ ...label, [code]: e.target.value })} />
            </div>
          ))}
        </div>
        {error && <p className="field-error">{error}</p>}
      </fieldset>
      <Field id="term-aliases" label={t('vocabularies.aliases')} hint={t('vocabularies.aliasesHint')}>
        {(props) => <textarea {...props} rows={4} value={aliases} onChange={(e) => setAliases(e.target.value)} />}
      </Field>
      <p className="button-row">
        <button type="submit" disabled={save.busy}>{t('vocabularies.save')}</button>
        <button type="button" className="secondary" onClick={onDone}>{t('vocabularies.cancel')}</button>
      </p>
    </form>
  );
}
