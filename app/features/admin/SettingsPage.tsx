/**
 * The administrator's page for the instance's settings: name and description
 * per language, logo, primary colour (its contrast checked as it is typed),
 * the State followed, the time zone, the languages, the words the interface
 * uses, the open-data licence and whether the secretariat and administrators
 * must use a second factor (asked of the administrator first: requiring it
 * without one of their own is refused, so the change never locks them out),
 * and whether the instance publishes its public data to the Network, for
 * which hub (refused by the server where the operator has set no signing key).
 * Saved with the version it was loaded with;
 * in effect at once for everyone.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { i18nFor, loadStrings, useTranslation, type TFunction } from '../../i18n';
import { Link } from 'react-router';
import { keys } from '../../api/query-keys';
import { getSettings, removeLogo, saveSettings, setLogo, type Settings, type SettingsInput } from '../../api/settings';
import { useSave } from '../../api/use-save';
import { errorId, Field, FieldError } from '../../components/Field';
import { focusFirstError, FormErrors } from '../../components/FormErrors';
import { Notice } from '../../components/Notice';
import { QueryBoundary } from '../../components/QueryBoundary';
import { INTERFACE_LANGUAGES, LOGO_LIMITS, MIN_CONTRAST, primaryContrast, TERMS } from '../../../shared/settings-rules';
import { can } from '../../lib/permissions';
import '../../lib/workspace-strings';
import { isLocale, locales } from '../../../shared/i18n';
import { useWorkspacePage, WorkspacePage } from '../../components/WorkspacePage';

// The terminology fields show each language's own word as a placeholder: every language's strings.
await Promise.all(locales.map((locale) => loadStrings(locale)));

type Language = (typeof INTERFACE_LANGUAGES)[number];

interface Values {
  name: Record<string, string>;
  description: Record<string, string>;
  colour: string;
  state: string;
  timeZone: string;
  interfaceLanguages: Language[];
  defaultLanguage: Language;
  contentLanguages: string;
  terminology: Record<string, Record<string, string>>;
  licenceName: string;
  licenceUrl: string;
  secondFactorRequired: boolean;
  networkPublish: boolean;
  networkHubUrl: string;
}

type Errors = Partial<Record<'name' | 'colour' | 'state' | 'interfaceLanguages' | 'contentLanguages' | 'licenceName' | 'licenceUrl' | 'secondFactor' | 'networkHubUrl', string>>;

const FIELD_IDS: Record<keyof Errors, string> = {
  name: 'settings-name-es',
  colour: 'settings-colour',
  state: 'settings-state',
  interfaceLanguages: 'settings-interface-es',
  contentLanguages: 'settings-content-languages',
  licenceName: 'settings-licence-name',
  licenceUrl: 'settings-licence-url',
  secondFactor: 'settings-second-factor',
  networkHubUrl: 'settings-network-hub',
};

const isColour = (text: string) => /^#[0-9a-fA-F]{6}$/.test(text.trim());
const codesOf = (text: string) => text.split(/[\s,;]+/).map((code) => code.trim().toLowerCase()).filter(Boolean);

function valuesOf(settings: Settings): Values {
  return {
    name: { ...settings.name },
    description: { ...settings.description },
    colour: settings.primary_colour,
    state: settings.state_iso3,
    timeZone: settings.time_zone,
    interfaceLanguages: [...settings.interface_languages],
    defaultLanguage: settings.default_language,
    contentLanguages: settings.content_languages.join(', '),
    terminology: structuredClone(settings.terminology),
    licenceName: settings.open_data_licence.name,
    licenceUrl: settings.open_data_licence.url,
    secondFactorRequired: settings.second_factor_required,
    networkPublish: settings.network_publish,
    networkHubUrl: settings.network_hub_url ?? '',
  };
}

function validate(values: Values, t: TFunction, ownSecondFactor: boolean): Errors {
  const errors: Errors = {};
  if (!values.name[values.defaultLanguage]?.trim()) errors.name = t('settings.errors.name', { language: t(`languages.${values.defaultLanguage}`) });
  if (!isColour(values.colour)) errors.colour = t('settings.errors.colourFormat');
  else if (primaryContrast(values.colour) < MIN_CONTRAST) {
    errors.colour = t('settings.errors.contrast', { ratio: primaryContrast(values.colour).toFixed(2), min: MIN_CONTRAST });
  }
  if (!/^[A-Za-z]{3}$/.test(values.state.trim())) errors.state = t('settings.errors.state');
  if (values.interfaceLanguages.length === 0) errors.interfaceLanguages = t('settings.errors.interfaceLanguages');
  const codes = codesOf(values.contentLanguages);
  if (codes.length === 0 || codes.some((code) => !/^[a-z]{2,3}$/.test(code))) errors.contentLanguages = t('settings.errors.contentLanguages');
  if (!values.licenceName.trim()) errors.licenceName = t('settings.errors.licenceName');
  if (!/^https?:\/\/\S+$/.test(values.licenceUrl.trim())) errors.licenceUrl = t('settings.errors.licenceUrl');
  if (values.secondFactorRequired && !ownSecondFactor) errors.secondFactor = t('settings.errors.secondFactorOwn');
  const hub = values.networkHubUrl.trim();
  if (hub && (!/^https?:\/\/[^\s?#]+$/.test(hub))) errors.networkHubUrl = t('settings.errors.networkHubUrl');
  return errors;
}

function timeZones(current: string): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return all.includes(current) ? all : [current, ...all];
}

export default function SettingsPage() {
  const page = useWorkspacePage('settings.title');
  const { t, locale, me, title } = page;
  const admin = can(me, 'settings:manage');
  const settings = useQuery({
    queryKey: keys.settings.admin,
    queryFn: ({ signal }) => getSettings(locale, signal),
    enabled: admin,
    staleTime: 0,
  });
  // A reload after a conflict starts the form again from what is saved now.
  const [generation, setGeneration] = useState(0);
  const queryClient = useQueryClient();
  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: keys.settings.all }).then(() => setGeneration((g) => g + 1));
  };

  return (
    <WorkspacePage page={page} className="settings-page" allowed={admin} notAllowed={t('settings.notAdministrator')}>
      {(me) => (
        <QueryBoundary query={settings} loading={t('settings.loading')} errorTitle={t('settings.loadError')} title={title}>
          {(data) => <SettingsForm key={generation} settings={data} csrf={me!.csrf_token} ownSecondFactor={me!.second_factor.enabled} onReload={reload} />}
        </QueryBoundary>
      )}
    </WorkspacePage>
  );
}

function SettingsForm({ settings, csrf, ownSecondFactor, onReload: reload }: { settings: Settings; csrf: string; ownSecondFactor: boolean; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>(() => valuesOf(settings));
  const [errors, setErrors] = useState<Errors>({});
  const summary = useRef<HTMLDivElement>(null);
  const saved = (next: Settings) => {
    queryClient.setQueryData(keys.settings.admin, next);
    void queryClient.invalidateQueries({ queryKey: keys.settings.public });
  };
  const save = useSave({
    save: (input: SettingsInput) => saveSettings(input, locale, csrf),
    onSaved: saved,
    onFailed: () => requestAnimationFrame(() => summary.current?.focus()),
    savedMessage: t('settings.saved'),
  });

  const set = <K extends keyof Values>(name: K, value: Values[K]) => setValues((v) => ({ ...v, [name]: value }));
  const colourOk = isColour(values.colour);
  const contrast = colourOk ? primaryContrast(values.colour) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (save.busy) return;
    const found = validate(values, t, ownSecondFactor);
    setErrors(found);
    save.reset();
    if (focusFirstError(found, (name) => (name === 'name' ? `settings-name-${values.defaultLanguage}` : FIELD_IDS[name as keyof Errors]))) return;
    save.submit({
      version: settings.version,
      name: values.name,
      description: values.description,
      primary_colour: values.colour.trim(),
      state_iso3: values.state.trim().toUpperCase(),
      time_zone: values.timeZone,
      interface_languages: values.interfaceLanguages,
      default_language: values.defaultLanguage,
      content_languages: [...new Set(codesOf(values.contentLanguages))],
      terminology: values.terminology,
      open_data_licence: { name: values.licenceName.trim(), url: values.licenceUrl.trim() },
      second_factor_required: values.secondFactorRequired,
      network_publish: values.networkPublish,
      network_hub_url: values.networkHubUrl.trim() || null,
    });
  }

  function toggleLanguage(code: Language, on: boolean) {
    const list = on ? INTERFACE_LANGUAGES.filter((c) => c === code || values.interfaceLanguages.includes(c)) : values.interfaceLanguages.filter((c) => c !== code);
    setValues((v) => ({ ...v, interfaceLanguages: list, defaultLanguage: list.includes(v.defaultLanguage) || list.length === 0 ? v.defaultLanguage : list[0] }));
  }

  const localizedGroup = (field: 'name' | 'description', multiline: boolean) => (
    <fieldset className="form-group" aria-describedby={errors[field as 'name'] ? `settings-${field}-hint ${errorId(FIELD_IDS.name)}` : `settings-${field}-hint`}>
      <legend>{t(`settings.${field}`)}</legend>
      <p id={`settings-${field}-hint`} className="hint small muted">{t(`settings.${field}Hint`)}</p>
      <div className="form-row">
        {INTERFACE_LANGUAGES.map((code) => {
          const id = `settings-${field}-${code}`;
          const invalid = field === 'name' && !!errors.name && code === values.defaultLanguage;
          const props = {
            id, lang: code, value: values[field][code] ?? '',
            'aria-invalid': invalid || undefined,
            'aria-describedby': invalid ? errorId(FIELD_IDS.name) : undefined,
            onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => set(field, { ...values[field], [code]: e.target.value }),
          };
          return (
            <div key={code} className="field">
              <label htmlFor={id}>{t(`languages.${code}`)}</label>
              {multiline ? <textarea {...props} rows={2} maxLength={300} /> : <input {...props} type="text" maxLength={80} />}
            </div>
          );
        })}
      </div>
      {field === 'name' && <FieldError id={FIELD_IDS.name} error={errors.name} />}
    </fieldset>
  );

  return (
    <>
      <LogoSection settings={settings} csrf={csrf} onSaved={saved} onReload={reload} />
      <form className="workspace-form" onSubmit={submit} noValidate aria-labelledby="settings-form-heading">
        <h2 id="settings-form-heading">{t('settings.formHeading')}</h2>
        <FormErrors
          heading={t('settings.errors.heading')}
          errors={errors}
          failure={save.failure}
          failureTitle={t('settings.saveError')}
          onReload={reload}
          summaryRef={summary}
        />
        {save.notice && <Notice kind="success"><p>{save.notice}</p></Notice>}

        {localizedGroup('name', false)}
        {localizedGroup('description', true)}

        <Field
          id={FIELD_IDS.colour}
          label={t('settings.colour')}
          hint={contrast !== null ? t('settings.colourContrast', { ratio: contrast.toFixed(2), min: MIN_CONTRAST }) : t('settings.colourHint')}
          error={errors.colour}
        >
          {(props) => (
            <span>
              <input {...props} type="text" size={9} maxLength={7} value={values.colour} onChange={(e) => set('colour', e.target.value)} spellCheck={false} />
              {' '}
              {colourOk && <span className="colour-sample" style={{ background: values.colour }} aria-hidden="true" />}
            </span>
          )}
        </Field>

        <Field id={FIELD_IDS.state} label={t('settings.state')} hint={t('settings.stateHint')} error={errors.state}>
          {(props) => <input {...props} type="text" size={4} maxLength={3} value={values.state} onChange={(e) => set('state', e.target.value.toUpperCase())} />}
        </Field>

        <Field id="settings-time-zone" label={t('settings.timeZone')} hint={t('settings.timeZoneHint')}>
          {(props) => (
            <select {...props} value={values.timeZone} onChange={(e) => set('timeZone', e.target.value)}>
              {timeZones(values.timeZone).map((zone) => <option key={zone} value={zone}>{zone}</option>)}
            </select>
          )}
        </Field>

        <fieldset className="form-group" aria-describedby={errors.interfaceLanguages ? `settings-interface-hint ${errorId(FIELD_IDS.interfaceLanguages)}` : 'settings-interface-hint'}>
          <legend>{t('settings.interfaceLanguages')}</legend>
          <p id="settings-interface-hint" className="hint small muted">{t('settings.interfaceLanguagesHint')}</p>
          <ul className="check-list">
            {INTERFACE_LANGUAGES.map((code) => (
              <li key={code}>
                <input
                  type="checkbox"
                  id={`settings-interface-${code}`}
                  checked={values.interfaceLanguages.includes(code)}
                  onChange={(e) => toggleLanguage(code, e.target.checked)}
                />
                <label htmlFor={`settings-interface-${code}`}>{t(`languages.${code}`)}</label>
              </li>
            ))}
          </ul>
          <FieldError id={FIELD_IDS.interfaceLanguages} error={errors.interfaceLanguages} />
        </fieldset>

        <Field id="settings-default-language" label={t('settings.defaultLanguage')}>
          {(props) => (
            <select {...props} value={values.defaultLanguage} onChange={(e) => set('defaultLanguage', e.target.value as Language)}>
              {values.interfaceLanguages.map((code) => <option key={code} value={code}>{t(`languages.${code}`)}</option>)}
            </select>
          )}
        </Field>

        <Field id={FIELD_IDS.contentLanguages} label={t('settings.contentLanguages')} hint={t('settings.contentLanguagesHint')} error={errors.contentLanguages}>
          {(props) => <input {...props} type="text" value={values.contentLanguages} onChange={(e) => set('contentLanguages', e.target.value)} />}
        </Field>

        <fieldset className="form-group" aria-describedby="settings-terminology-hint">
          <legend>{t('settings.terminology')}</legend>
          <p id="settings-terminology-hint" className="hint small muted">{t('settings.terminologyHint')}</p>
          {values.interfaceLanguages.map((code) => (
            <details key={code}>
              <summary>{t(`languages.${code}`)}</summary>
              <div className="form-row">
                {TERMS.map((term) => {
                  const id = `settings-term-${code}-${term}`;
                  return (
                    <div key={term} className="field">
                      <label htmlFor={id}>{t(`settings.terms.${term}`)}</label>
                      <input
                        id={id}
                        type="text"
                        lang={code}
                        maxLength={60}
                        placeholder={isLocale(code) ? i18nFor(code).t(`terms.${term}`) : undefined}
                        value={values.terminology[code]?.[term] ?? ''}
                        onChange={(e) => set('terminology', { ...values.terminology, [code]: { ...values.terminology[code], [term]: e.target.value } })}
                      />
                    </div>
                  );
                })}
              </div>
            </details>
          ))}
        </fieldset>

        <fieldset className="form-group">
          <legend>{t('settings.licence')}</legend>
          <Field id={FIELD_IDS.licenceName} label={t('settings.licenceName')} error={errors.licenceName}>
            {(props) => <input {...props} type="text" maxLength={100} value={values.licenceName} onChange={(e) => set('licenceName', e.target.value)} />}
          </Field>
          <Field id={FIELD_IDS.licenceUrl} label={t('settings.licenceUrl')} error={errors.licenceUrl}>
            {(props) => <input {...props} type="url" maxLength={500} value={values.licenceUrl} onChange={(e) => set('licenceUrl', e.target.value)} />}
          </Field>
        </fieldset>

        <fieldset
          className="form-group"
          aria-describedby={errors.secondFactor ? `settings-second-factor-hint ${errorId(FIELD_IDS.secondFactor)}` : 'settings-second-factor-hint'}
        >
          <legend>{t('settings.signInSecurity')}</legend>
          <p id="settings-second-factor-hint" className="hint small muted">
            {t('settings.secondFactorHint')}
            {!ownSecondFactor && <>{' '}{t('settings.secondFactorOwnFirst')}{' '}<Link to={`/${locale}/account`}>{t('settings.secondFactorAccountLink')}</Link></>}
          </p>
          <ul className="check-list">
            <li>
              <input
                type="checkbox"
                id={FIELD_IDS.secondFactor}
                checked={values.secondFactorRequired}
                aria-invalid={errors.secondFactor ? true : undefined}
                onChange={(e) => set('secondFactorRequired', e.target.checked)}
              />
              <label htmlFor={FIELD_IDS.secondFactor}>{t('settings.secondFactorRequired')}</label>
            </li>
          </ul>
          <FieldError id={FIELD_IDS.secondFactor} error={errors.secondFactor} />
        </fieldset>

        <fieldset className="form-group" aria-describedby="settings-network-hint">
          <legend>{t('settings.network')}</legend>
          <p id="settings-network-hint" className="hint small muted">{t('settings.networkHint')}</p>
          <ul className="check-list">
            <li>
              <input type="checkbox" id="settings-network-publish" checked={values.networkPublish} onChange={(e) => set('networkPublish', e.target.checked)} />
              <label htmlFor="settings-network-publish">{t('settings.networkPublish')}</label>
            </li>
          </ul>
          <Field id={FIELD_IDS.networkHubUrl} label={t('settings.networkHubUrl')} hint={t('settings.networkHubUrlHint')} error={errors.networkHubUrl}>
            {(props) => <input {...props} type="url" maxLength={500} value={values.networkHubUrl} onChange={(e) => set('networkHubUrl', e.target.value)} />}
          </Field>
        </fieldset>

        <p>
          <button type="submit" disabled={save.busy}>{save.busy ? t('settings.saving') : t('settings.save')}</button>
        </p>
        {settings.updated_at && <p className="small muted">{t('settings.updated', { date: new Date(settings.updated_at).toLocaleString(locale) })}</p>}
      </form>
    </>
  );
}

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** The logo: what is shown now, and a file to replace it (checked by the server on its bytes) or a button to remove it. */
function LogoSection({ settings, csrf, onSaved, onReload }: { settings: Settings; csrf: string; onSaved: (next: Settings) => void; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | undefined>();
  const upload = useSave({
    save: async (chosen: File) => setLogo({ version: settings.version, data: await readAsBase64(chosen) }, locale, csrf),
    onSaved,
    savedMessage: t('settings.logoSaved'),
  });
  const remove = useSave({
    save: () => removeLogo(settings.version, locale, csrf),
    onSaved,
    savedMessage: t('settings.logoRemoved'),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    upload.reset();
    remove.reset();
    if (!file) return setError(t('settings.errors.logoMissing'));
    if (file.size > LOGO_LIMITS.bytes) return setError(t('settings.errors.logoSize', { max: LOGO_LIMITS.bytes / 1024 }));
    setError(undefined);
    upload.submit(file);
  }

  return (
    <form className="workspace-form" onSubmit={submit} noValidate aria-labelledby="settings-logo-heading">
      <h2 id="settings-logo-heading">{t('settings.logo')}</h2>
      <FormErrors heading={t('settings.errors.heading')} errors={{}} failure={upload.failure ?? remove.failure} failureTitle={t('settings.logoError')} onReload={onReload} />
      {(upload.notice || remove.notice) && <Notice kind="success"><p>{upload.notice ?? remove.notice}</p></Notice>}
      {settings.logo
        ? <img className="logo-preview" src={settings.logo.url} alt={t('settings.logoCurrent')} />
        : <p className="muted">{t('settings.noLogo')}</p>}
      <Field id="settings-logo-file" label={t('settings.logoFile')} hint={t('settings.logoHint', { max: LOGO_LIMITS.bytes / 1024, min: LOGO_LIMITS.minPixels, pixels: LOGO_LIMITS.maxPixels })} error={error}>
        {(props) => (
          <input {...props} type="file" accept="image/png,image/jpeg,image/webp,image/svg+xml" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        )}
      </Field>
      <p className="button-row">
        <button type="submit" disabled={upload.busy}>{t('settings.logoUpload')}</button>
        {settings.logo && (
          <button type="button" className="secondary" disabled={remove.busy} onClick={() => { upload.reset(); remove.submit(undefined); }}>
            {t('settings.logoRemove')}
          </button>
        )}
      </p>
    </form>
  );
}
