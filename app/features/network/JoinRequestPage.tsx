import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { submitJoinRequest, type JoinRequestInput } from '../../api/network';
import { useSave } from '../../api/use-save';
import { DetailPage } from '../../components/DetailPage';
import { Field } from '../../components/Field';
import { FormErrors, focusFirstError } from '../../components/FormErrors';
import { useTranslation } from '../../i18n';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useSession } from '../../api/session';
import './strings';
import { NMIRF_TYPES } from './labels';

type Locale = NonNullable<JoinRequestInput['requester_locale']>;
const FIELDS = ['iso3', 'requester_name', 'requester_email', 'focal_point_name', 'focal_point_email', 'declaration_adopted_on', 'file'] as const;
type FieldName = (typeof FIELDS)[number];

/**
 * A State's representative asks for the State to join the Network, as member (it has an NMIRF) or
 * observer, with the formal communication (a PDF, checked on its bytes by the server) and the date
 * the State adopted the Declaration. The Executive Committee decides; the requester is emailed.
 */
export default function JoinRequestPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const session = useSession();
  const title = t('network.join.title');
  useDocumentTitle(title, t('app.name'));
  const [form, setForm] = useState({
    iso3: '', requested_status: 'member' as JoinRequestInput['requested_status'], requester_name: '', requester_email: '', focal_point_name: '',
    focal_point_email: '', declaration_adopted_on: '', nmirf_name: '', nmirf_type: '', tracking_system: '',
  });
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [sent, setSent] = useState<number | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const done = useRef<HTMLDivElement>(null);
  const save = useSave({
    save: (input: { request: JoinRequestInput; file: File }) => submitJoinRequest(input.request, input.file, locale, session.data?.csrf_token),
    onSaved: (answer) => {
      setSent(answer.id);
      setTimeout(() => done.current?.focus());
    },
    onFailed: () => summary.current?.focus(),
  });
  const set = (name: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Partial<Record<FieldName, string>> = {};
    if (!/^[A-Za-z]{3}$/.test(form.iso3.trim())) found.iso3 = t('network.join.errors.iso3');
    for (const name of ['requester_name', 'requester_email', 'focal_point_name', 'focal_point_email', 'declaration_adopted_on'] as const) {
      if (!form[name].trim()) found[name] = t('network.join.errors.required');
    }
    if (!file) found.file = t('network.join.errors.file');
    setErrors(found);
    save.reset();
    if (focusFirstError(found, (name) => `join-${name}`) || !file) return;
    save.submit({
      file,
      request: {
        iso3: form.iso3.trim().toUpperCase(), requested_status: form.requested_status, requester_locale: locale,
        requester_name: form.requester_name.trim(), requester_email: form.requester_email.trim(), focal_point_name: form.focal_point_name.trim(),
        focal_point_email: form.focal_point_email.trim(), declaration_adopted_on: form.declaration_adopted_on,
        profile: {
          ...(form.nmirf_name.trim() ? { nmirf_name: { [locale]: form.nmirf_name.trim() } } : {}),
          ...(form.nmirf_type ? { nmirf_type: form.nmirf_type as (typeof NMIRF_TYPES)[number] } : {}),
          ...(form.tracking_system.trim() ? { tracking_system: form.tracking_system.trim() } : {}),
        },
      },
    });
  }

  const back = { to: `/${locale}/network`, label: t('network.back') };
  if (sent !== null) {
    return (
      <DetailPage title={title} back={back}>
        <div role="status" className="alert alert-success" tabIndex={-1} ref={done}><p>{t('network.join.sent')}</p></div>
      </DetailPage>
    );
  }
  const text = (name: 'iso3' | 'requester_name' | 'requester_email' | 'focal_point_name' | 'focal_point_email', type = 'text', autoComplete?: string, hint?: string) => (
    <Field id={`join-${name}`} label={t(`network.join.fields.${name}`)} error={errors[name]} required showRequired hint={hint}>
      {(props) => <input {...props} type={type} autoComplete={autoComplete} value={form[name]} onChange={set(name)} maxLength={name === 'iso3' ? 3 : 200} />}
    </Field>
  );
  return (
    <DetailPage title={title} back={back} intro={<p className="intro">{t('network.join.intro')}</p>}>
      <FormErrors heading={t('network.join.errors.heading')} errors={errors} failure={save.failure} failureTitle={t('network.join.errors.refused')} summaryRef={summary} />
      <form onSubmit={submit} noValidate className="network-join">
        <fieldset>
          <legend>{t('network.join.stateHeading')}</legend>
          {text('iso3', 'text', 'off', t('network.join.hints.iso3'))}
          <fieldset className="field">
            <legend>{t('network.join.fields.requested_status')}</legend>
            {(['member', 'observer'] as const).map((status) => (
              <div className="field-inline" key={status}>
                <input type="radio" id={`join-status-${status}`} name="requested_status" checked={form.requested_status === status} onChange={() => setForm({ ...form, requested_status: status })} />
                <label htmlFor={`join-status-${status}`}>{t(`network.join.as.${status}`)}</label>
              </div>
            ))}
          </fieldset>
          <Field id="join-declaration_adopted_on" label={t('network.join.fields.declaration_adopted_on')} error={errors.declaration_adopted_on} required showRequired>
            {(props) => <input {...props} type="date" value={form.declaration_adopted_on} onChange={set('declaration_adopted_on')} />}
          </Field>
          <Field id="join-file" label={t('network.join.fields.file')} error={errors.file} required showRequired hint={t('network.join.hints.file')}>
            {(props) => <input {...props} type="file" accept="application/pdf,.pdf" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />}
          </Field>
        </fieldset>
        <fieldset>
          <legend>{t('network.join.peopleHeading')}</legend>
          {text('requester_name', 'text', 'name')}
          {text('requester_email', 'email', 'email', t('network.join.hints.requester_email'))}
          {text('focal_point_name')}
          {text('focal_point_email', 'email', 'off', t('network.join.hints.focal_point_email'))}
        </fieldset>
        <fieldset>
          <legend>{t('network.join.nmirfHeading')}</legend>
          <Field id="join-nmirf_name" label={t('network.join.fields.nmirf_name')}>
            {(props) => <input {...props} value={form.nmirf_name} onChange={set('nmirf_name')} maxLength={300} />}
          </Field>
          <Field id="join-nmirf_type" label={t('network.join.fields.nmirf_type')}>
            {(props) => (
              <select {...props} value={form.nmirf_type} onChange={set('nmirf_type')}>
                <option value="">{t('network.join.typeUnknown')}</option>
                {NMIRF_TYPES.map((type) => <option key={type} value={type}>{t(`network.types.${type}`)}</option>)}
              </select>
            )}
          </Field>
          <Field id="join-tracking_system" label={t('network.join.fields.tracking_system')}>
            {(props) => <input {...props} value={form.tracking_system} onChange={set('tracking_system')} maxLength={300} />}
          </Field>
        </fieldset>
        <button type="submit" className="primary" aria-disabled={save.busy || undefined}>{t('network.join.submit')}</button>
      </form>
      <p><Link to={`/${locale}/network`}>{t('network.back')}</Link></p>
    </DetailPage>
  );
}
