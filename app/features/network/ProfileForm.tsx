import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { updateProfile, type NetworkState, type ProfilePatch } from '../../api/network';
import { keys } from '../../api/query-keys';
import { useSave } from '../../api/use-save';
import { Field } from '../../components/Field';
import { FormErrors } from '../../components/FormErrors';
import { useTranslation } from '../../i18n';
import type { usePageNotice } from '../../lib/page-notice';
import { NAME_LANGUAGES, NMIRF_TYPES } from './labels';
import { useNetworkStates } from './queries';

type Notices = ReturnType<typeof usePageNotice>;

/** The hub secretariat edits a State's NMIRF profile (what its public page shows); a stale version is refused (409). */
export function ProfileEdit({ csrf, notices }: { csrf: string; notices: Notices }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const states = useNetworkStates(locale);
  const [iso3, setIso3] = useState('');
  const chosen = states.data?.find((state) => state.iso3 === iso3);
  return (
    <section className="panel" aria-labelledby="hub-profile-heading">
      <h2 id="hub-profile-heading">{t('network.hub.profile')}</h2>
      <Field id="profile-state" label={t('network.states.state')}>
        {(props) => (
          <select {...props} value={iso3} onChange={(event) => setIso3(event.target.value)}>
            <option value="">{t('network.hub.chooseState')}</option>
            {(states.data ?? []).map((state) => <option key={state.iso3} value={state.iso3}>{state.name}</option>)}
          </select>
        )}
      </Field>
      {chosen && (
        <>
          <p><Link to={`/${locale}/network/states/${chosen.iso3}`}>{t('network.hub.statePage', { state: chosen.name })}</Link></p>
          <ProfileForm key={`${chosen.iso3}-${chosen.version}`} state={chosen} csrf={csrf} notices={notices} />
        </>
      )}
    </section>
  );
}

interface ProfileFields {
  names: Record<string, string>;
  nmirf_type: string;
  legal_basis: string;
  ministries: string;
  website: string;
  tracking_system: string;
}

function ProfileForm({ state, csrf, notices }: { state: NetworkState; csrf: string; notices: Notices }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const queryClient = useQueryClient();
  const [form, setForm] = useState<ProfileFields>({
    names: Object.fromEntries(NAME_LANGUAGES.map((code) => [code, state.nmirf_name[code] ?? ''])),
    nmirf_type: state.nmirf_type ?? '',
    legal_basis: state.legal_basis,
    ministries: state.coordinating_ministries.join('\n'),
    website: state.website ?? '',
    tracking_system: state.tracking_system,
  });
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const save = useSave({
    save: (input: ProfilePatch) => updateProfile(state.iso3, input, locale, csrf),
    onSaved: async (answer) => {
      await queryClient.invalidateQueries({ queryKey: keys.network.all });
      notices.show({ kind: 'status', message: t('network.hub.profileSaved', { state: answer.name }) }, true);
    },
    onFailed: (failure) => notices.show({ kind: 'error', title: t('network.hub.refused'), ...failure }, true),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const website = form.website.trim();
    const found = { website: website && !/^https?:\/\/\S+$/i.test(website) ? t('network.hub.websiteInvalid') : undefined };
    setErrors(found);
    if (found.website) {
      document.getElementById('profile-website')?.focus();
      return;
    }
    const names = Object.fromEntries(Object.entries(form.names).map(([code, name]) => [code, name.trim()]).filter(([, name]) => name));
    save.submit({
      version: state.version,
      nmirf_name: names,
      nmirf_type: (form.nmirf_type || null) as ProfilePatch['nmirf_type'],
      legal_basis: form.legal_basis.trim(),
      coordinating_ministries: form.ministries.split('\n').map((line) => line.trim()).filter(Boolean),
      website: website || null,
      tracking_system: form.tracking_system.trim(),
    });
  }
  return (
    <form onSubmit={submit} noValidate aria-label={t('network.hub.profileOf', { state: state.name })}>
      <FormErrors heading={t('network.join.errors.heading')} errors={errors} />
      <fieldset>
        <legend>{t('network.state.names')}</legend>
        {NAME_LANGUAGES.map((code) => (
          <Field key={code} id={`profile-name-${code}`} label={t('network.hub.nameIn', { language: t(`network.nameLanguages.${code}`) })}>
            {(props) => <input {...props} lang={code} value={form.names[code]} onChange={(event) => setForm({ ...form, names: { ...form.names, [code]: event.target.value } })} maxLength={300} />}
          </Field>
        ))}
      </fieldset>
      <Field id="profile-type" label={t('network.states.type')}>
        {(props) => (
          <select {...props} value={form.nmirf_type} onChange={(event) => setForm({ ...form, nmirf_type: event.target.value })}>
            <option value="">{t('network.join.typeUnknown')}</option>
            {NMIRF_TYPES.map((type) => <option key={type} value={type}>{t(`network.types.${type}`)}</option>)}
          </select>
        )}
      </Field>
      <Field id="profile-legal-basis" label={t('network.state.legalBasis')}>
        {(props) => <textarea {...props} rows={2} value={form.legal_basis} onChange={(event) => setForm({ ...form, legal_basis: event.target.value })} maxLength={2000} />}
      </Field>
      <Field id="profile-ministries" label={t('network.state.ministries')} hint={t('network.hub.ministriesHint')}>
        {(props) => <textarea {...props} rows={3} value={form.ministries} onChange={(event) => setForm({ ...form, ministries: event.target.value })} />}
      </Field>
      <Field id="profile-website" label={t('network.state.website')} error={errors.website}>
        {(props) => <input {...props} type="url" value={form.website} onChange={(event) => setForm({ ...form, website: event.target.value })} maxLength={2000} />}
      </Field>
      <Field id="profile-tracking" label={t('network.state.trackingSystem')}>
        {(props) => <input {...props} value={form.tracking_system} onChange={(event) => setForm({ ...form, tracking_system: event.target.value })} maxLength={300} />}
      </Field>
      <button type="submit" className="primary" aria-disabled={save.busy || undefined}>{t('network.hub.saveProfile')}</button>
    </form>
  );
}
