import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import type { InstitutionInput } from '../../api/admin';
import type { SaveFailure } from '../../api/use-save';
import { Field } from '../../components/Field';
import { focusFirstError, FormErrors } from '../../components/FormErrors';
import { locales } from '../../../shared/i18n';
import type { Institution } from '../../../shared/institutions';
import { BRANCHES } from '../../../shared/vocabularies';
import { LIMITS } from '../../../shared/limits';

type Errors = Partial<Record<'name' | 'acronym', string>>;
const FIELD_IDS: Record<keyof Errors, string> = { name: `institution-name-${locales[0]}`, acronym: 'institution-acronym' };

/**
 * An institution's names (one per language, at least one), acronym, branch
 * of the State and type. Empty names and fields are sent as absent or null.
 */
export function InstitutionForm({ institution, busy, failure, submitLabel, onSubmit, onReload }: {
  institution?: Institution;
  busy: boolean;
  failure: SaveFailure | null;
  submitLabel: string;
  onSubmit: (input: InstitutionInput) => void;
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  const [names, setNames] = useState<Record<string, string>>(institution?.names ?? {});
  const [acronym, setAcronym] = useState(institution?.acronym ?? '');
  const [branch, setBranch] = useState<InstitutionInput['branch']>(institution?.branch ?? 'executive');
  const [type, setType] = useState(institution?.type ?? '');
  const [errors, setErrors] = useState<Errors>({});
  const summary = useRef<HTMLDivElement>(null);
  const prefix = institution ? `institution-${institution.id}` : 'institution-new';

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Errors = {};
    const filled: Record<string, string> = Object.fromEntries(Object.entries(names).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v));
    if (!Object.values(filled).some((v) => v.length >= LIMITS.localizedName.min)) found.name = t('admin.institutions.errors.name', { min: LIMITS.localizedName.min });
    if (acronym.trim().length > 30) found.acronym = t('admin.institutions.errors.acronym');
    setErrors(found);
    if (focusFirstError(found, (field) => `${prefix}-${FIELD_IDS[field as keyof Errors]}`)) return;
    onSubmit({ name: filled, acronym: acronym.trim() || null, branch, type: type.trim() || null });
  }

  return (
    <form noValidate onSubmit={submit}>
      <FormErrors heading={t('admin.institutions.errorsHeading')} errors={errors} failure={failure} summaryRef={summary} onReload={onReload} />
      <fieldset>
        <legend>{t('admin.institutions.names')}</legend>
        <p id={`${prefix}-names-hint`} className="hint small muted">{t('admin.institutions.namesHint')}</p>
        <div className="form-row">
          {locales.map((code, index) => (
            <Field
              key={code}
              id={`${prefix}-institution-name-${code}`}
              label={t(`languages.${code}`)}
              error={index === 0 ? errors.name : undefined}
              describedByIds={[`${prefix}-names-hint`]}
            >
              {(props) => (
                <input
                  {...props}
                  lang={code}
                  type="text"
                  maxLength={LIMITS.localizedName.max}
                  value={names[code] ?? ''}
                  onChange={(e) => setNames({ ...names, [code]: e.target.value })}
                />
              )}
            </Field>
          ))}
        </div>
      </fieldset>
      <div className="form-row">
        <Field id={`${prefix}-institution-acronym`} label={t('admin.institutions.acronym')} error={errors.acronym}>
          {(props) => <input {...props} type="text" value={acronym} onChange={(e) => setAcronym(e.target.value)} />}
        </Field>
        <Field id={`${prefix}-branch`} label={t('portal.institution.branch')}>
          {(props) => (
            <select {...props} value={branch} onChange={(e) => setBranch(e.target.value as InstitutionInput['branch'])}>
              {BRANCHES.map((b) => <option key={b} value={b}>{t(`portal.institution.branches.${b}`)}</option>)}
            </select>
          )}
        </Field>
        <Field id={`${prefix}-type`} label={t('admin.institutions.type')} hint={t('admin.institutions.typeHint')}>
          {(props) => <input {...props} type="text" maxLength={100} value={type} onChange={(e) => setType(e.target.value)} />}
        </Field>
      </div>
      <p className="form-actions"><button type="submit" disabled={busy}>{submitLabel}</button></p>
    </form>
  );
}
