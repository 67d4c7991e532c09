/**
 * The administrator keeps the mechanisms recommendations come from: the UN
 * bodies, regional ones (the Inter-American Commission and Court, MESECVI, the
 * African and European bodies) and national ones. Each has a family, its name
 * and acronym per language and the aliases the importer matches; a retired
 * mechanism takes no new recommendations and keeps those it has.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { keys } from '../../api/query-keys';
import { useSave } from '../../api/use-save';
import { createMechanism, listMechanisms, retireMechanism, updateMechanism, type Mechanism } from '../../api/vocabularies';
import { DataTable } from '../../components/DataTable';
import { Field } from '../../components/Field';
import { FormErrors } from '../../components/FormErrors';
import { QueryBoundary } from '../../components/QueryBoundary';
import { INTERFACE_LANGUAGES } from '../../../shared/settings-rules';
import { MECHANISM_FAMILIES } from '../../../shared/vocabularies';
import '../../lib/workspace-strings';

type Family = (typeof MECHANISM_FAMILIES)[number];

export function MechanismsPanel({ csrf, title }: { csrf: string; title: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: keys.vocabulary('mechanisms', locale),
    queryFn: ({ signal }) => listMechanisms(locale, signal),
    staleTime: 0,
  });
  const [editing, setEditing] = useState<Mechanism | 'new' | null>(null);
  const retire = useSave({
    save: (mechanism: Mechanism) => retireMechanism(mechanism.id, { version: mechanism.version, retired: !mechanism.retired }, locale, csrf),
    onSaved: (data) => queryClient.setQueryData(keys.vocabulary('mechanisms', locale), data),
  });
  const family = (code: string) => t(`vocabularies.mechanisms.families.${code}`, { defaultValue: code });

  return (
    <>
      <p>{t('vocabularies.mechanisms.intro')}</p>
      <FormErrors heading={t('vocabularies.errors.heading')} errors={{}} failure={retire.failure} failureTitle={t('vocabularies.mechanisms.retireError')}
        onReload={() => void list.refetch()} />
      {editing
        ? <MechanismForm key={editing === 'new' ? 'new' : editing.id} mechanism={editing === 'new' ? null : editing} csrf={csrf} onDone={() => setEditing(null)} />
        : <p><button type="button" onClick={() => setEditing('new')}>{t('vocabularies.mechanisms.add')}</button></p>}
      <QueryBoundary query={list} loading={t('vocabularies.loading')} errorTitle={t('vocabularies.loadError')} title={title}>
        {(data) => (
          <DataTable
            caption={t('vocabularies.names.mechanisms')}
            rows={data.items}
            rowKey={(mechanism) => mechanism.id}
            rowProps={(mechanism) => ({ 'data-mechanism': mechanism.code })}
            empty={<p>{t('vocabularies.empty')}</p>}
            columns={[
              { header: t('vocabularies.mechanisms.code'), cell: (mechanism) => mechanism.code },
              { header: t('vocabularies.columns.name'), cell: (mechanism) => mechanism.name },
              { header: t('vocabularies.mechanisms.family'), cell: (mechanism) => family(mechanism.family) },
              { header: t('vocabularies.columns.aliases'), cell: (mechanism) => mechanism.aliases.join('; ') },
              { header: t('vocabularies.columns.usedBy'), cell: (mechanism) => mechanism.used_by },
              { header: t('vocabularies.columns.state'), cell: (mechanism) => (mechanism.retired ? t('vocabularies.retired') : t('vocabularies.inUse')) },
            ]}
            actionsHeader={t('vocabularies.columns.actions')}
            actions={(mechanism) => (
              <span className="button-row">
                <button type="button" className="secondary" onClick={() => setEditing(mechanism)}
                  aria-label={t('vocabularies.editOne', { name: mechanism.name })}>{t('vocabularies.edit')}</button>
                <button type="button" className="secondary" disabled={retire.busy} onClick={() => retire.submit(mechanism)}
                  aria-label={t(mechanism.retired ? 'vocabularies.restoreOne' : 'vocabularies.retireOne', { name: mechanism.name })}>
                  {mechanism.retired ? t('vocabularies.restore') : t('vocabularies.retire')}
                </button>
              </span>
            )}
          />
        )}
      </QueryBoundary>
    </>
  );
}

/** Adds a mechanism, or changes one's family, names, acronyms and aliases (one alias a line). */
function MechanismForm({ mechanism, csrf, onDone }: { mechanism: Mechanism | null; csrf: string; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [family, setFamily] = useState<Family>(mechanism ? (mechanism.family as Family) : 'regional');
  const [label, setLabel] = useState<Record<string, string>>(mechanism ? { ...mechanism.label } : {});
  const [shortName, setShortName] = useState<Record<string, string>>(mechanism ? { ...mechanism.short_name } : {});
  const [aliases, setAliases] = useState(mechanism ? mechanism.aliases.join('\n') : '');
  const [error, setError] = useState<string | undefined>();
  const save = useSave({
    save: () => {
      const body = { family, label, short_name: shortName, aliases: aliases.split('\n').map((a) => a.trim()).filter(Boolean) };
      return mechanism
        ? updateMechanism(mechanism.id, { ...body, version: mechanism.version }, locale, csrf)
        : createMechanism({ ...body, code: code.trim().toUpperCase() }, locale, csrf);
    },
    onSaved: (list) => {
      queryClient.setQueryData(keys.vocabulary('mechanisms', locale), list);
      onDone();
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.reset();
    if (!Object.values(label).some((name) => name.trim())) {
      setError(t('vocabularies.errors.name'));
      document.getElementById(`mechanism-name-${INTERFACE_LANGUAGES[0]}`)?.focus();
      return;
    }
    setError(undefined);
    save.submit(undefined);
  }

  const perLanguage = (prefix: string, values: Record<string, string>, set: (v: Record<string, string>) => void, max: number, invalid: boolean) => (
    <div className="form-row">
      {INTERFACE_LANGUAGES.map((lang) => (
        <div key={lang} className="field">
          <label htmlFor={`${prefix}-${lang}`}>{t(`languages.${lang}`)}</label>
          <input id={`${prefix}-${lang}`} type="text" lang={lang} maxLength={max} value={values[lang] ?? ''}
            aria-invalid={invalid || undefined} onChange={(e) => set({ ...values, [lang]: e.target.value })} />
        </div>
      ))}
    </div>
  );

  return (
    <form className="workspace-form" onSubmit={submit} noValidate aria-labelledby="mechanism-form-heading">
      <h2 id="mechanism-form-heading">{mechanism ? t('vocabularies.editHeading', { name: mechanism.name }) : t('vocabularies.mechanisms.addHeading')}</h2>
      <FormErrors heading={t('vocabularies.errors.heading')} errors={{ name: error }} failure={save.failure} failureTitle={t('vocabularies.mechanisms.saveError')} />
      <div className="form-row">
        {!mechanism && (
          <Field id="mechanism-code" label={t('vocabularies.mechanisms.code')} hint={t('vocabularies.mechanisms.codeHint')} required>
            {(props) => <input {...props} type="text" maxLength={30} value={code} onChange={(e) => setCode(e.target.value)} />}
          </Field>
        )}
        <Field id="mechanism-family" label={t('vocabularies.mechanisms.family')}>
          {(props) => (
            <select {...props} value={family} onChange={(e) => setFamily(e.target.value as Family)}>
              {MECHANISM_FAMILIES.map((value) => <option key={value} value={value}>{t(`vocabularies.mechanisms.families.${value}`)}</option>)}
            </select>
          )}
        </Field>
      </div>
      <fieldset className="form-group">
        <legend>{t('vocabularies.names.label')}</legend>
        {perLanguage('mechanism-name', label, setLabel, 200, Boolean(error))}
        {error && <p className="field-error">{error}</p>}
      </fieldset>
      <fieldset className="form-group">
        <legend>{t('vocabularies.mechanisms.acronyms')}</legend>
        {perLanguage('mechanism-acronym', shortName, setShortName, 40, false)}
      </fieldset>
      <Field id="mechanism-aliases" label={t('vocabularies.aliases')} hint={t('vocabularies.mechanisms.aliasesHint')}>
        {(props) => <textarea {...props} rows={4} value={aliases} onChange={(e) => setAliases(e.target.value)} />}
      </Field>
      <p className="button-row">
        <button type="submit" disabled={save.busy}>{t('vocabularies.mechanisms.save')}</button>
        <button type="button" className="secondary" onClick={onDone}>{t('vocabularies.cancel')}</button>
      </p>
    </form>
  );
}
