import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { LIMITS } from '../../../shared/limits';
import { locales } from '../../../shared/i18n/languages';
import type { ResourceInput } from '../../api/knowledge';
import type { SaveFailure } from '../../api/use-save';
import { Field } from '../../components/Field';
import { FormErrors } from '../../components/FormErrors';
import { useTranslation } from '../../i18n';
import './strings';
import { groupLabel, NMIRF_TYPES, RESOURCE_KINDS, SDG_GOALS, UN_REGIONAL_GROUPS } from './labels';
import { tagLabel, useHubTags } from './queries';

const H = LIMITS.hub;

/** A contribution as its form holds it (the contract's input without `draft`; the link as typed). */
export interface ResourceValues {
  kind: ResourceInput['kind']; language: ResourceInput['language']; title: string; summary: string; body: string; link: string;
  themes: string[]; mechanisms: string[]; sdgs: number[]; regions: string[]; nmirf_types: string[];
}
export type ResourceFields = Omit<ResourceInput, 'draft'>;

export const emptyResource = (language: string): ResourceValues => ({
  kind: 'practice', language: (locales as readonly string[]).includes(language) ? language as ResourceValues['language'] : 'es',
  title: '', summary: '', body: '', link: '', themes: [], mechanisms: [], sdgs: [], regions: [], nmirf_types: [],
});

/** The form's values as the API takes them. */
export function resourceFields(values: ResourceValues): ResourceFields {
  const { link, regions, nmirf_types: types, ...rest } = values;
  return {
    ...rest, title: rest.title.trim(), summary: rest.summary.trim(), body: rest.body.trim(), link: link.trim() || null,
    regions: regions as ResourceFields['regions'], nmirf_types: types as ResourceFields['nmirf_types'],
  };
}

/**
 * The fields of a contribution to the knowledge hub with pickers for its tags (themes and mechanisms
 * from the reference data the hub checks them against, SDG goals, UN regional groups, NMIRF types):
 * to contribute, and to edit a contribution returned to its contributor. What the server refuses is
 * shown in the form.
 */
export function ResourceForm({ id, initial, submitLabel, busy, failure, onSubmit, onReload, children }: {
  /** Prefix of the fields' ids. */
  id: string;
  initial: ResourceValues;
  submitLabel: string;
  busy: boolean;
  failure: SaveFailure | null;
  onSubmit: (values: ResourceValues, reset: () => void) => void;
  onReload?: () => void;
  children?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const tags = useHubTags(locale);
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const summaryRef = useRef<HTMLDivElement>(null);
  const set = (field: 'kind' | 'language' | 'title' | 'summary' | 'body' | 'link') => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));
  const toggle = <K extends 'themes' | 'mechanisms' | 'sdgs' | 'regions' | 'nmirf_types'>(field: K) => (value: ResourceValues[K][number], on: boolean) =>
    setValues((current) => {
      const list = current[field] as ResourceValues[K][number][];
      return { ...current, [field]: on ? [...list, value] : list.filter((item) => item !== value) };
    });

  function submit(event: FormEvent) {
    event.preventDefault();
    const title = values.title.trim();
    const found = {
      title: title.length >= H.title.min ? undefined : t('network.knowledge.workspace.titleTooShort', { min: H.title.min }),
      summary: values.summary.trim() ? undefined : t('network.join.errors.required'),
    };
    setErrors(found);
    if (found.title || found.summary) {
      document.getElementById(found.title ? `${id}-title` : `${id}-summary`)?.focus();
      return;
    }
    onSubmit(values, () => setValues(initial));
  }

  return (
    <form onSubmit={submit} noValidate className="network-resource-form">
      <FormErrors heading={t('network.join.errors.heading')} errors={errors} failure={failure} failureTitle={t('network.hub.refused')} onReload={onReload} summaryRef={summaryRef} />
      <Field id={`${id}-kind`} label={t('network.knowledge.facet.kind')}>
        {(props) => <select {...props} value={values.kind} onChange={set('kind')}>{RESOURCE_KINDS.map((kind) => <option key={kind} value={kind}>{t(`network.knowledge.kinds.${kind}`)}</option>)}</select>}
      </Field>
      <Field id={`${id}-language`} label={t('network.knowledge.workspace.language')} hint={t('network.knowledge.workspace.languageHint')}>
        {(props) => <select {...props} value={values.language} onChange={set('language')}>{locales.map((language) => <option key={language} value={language}>{t(`network.knowledge.languages.${language}`)}</option>)}</select>}
      </Field>
      <Field id={`${id}-title`} label={t('network.knowledge.workspace.titleField')} error={errors.title} required>
        {(props) => <input {...props} lang={values.language} value={values.title} onChange={set('title')} maxLength={H.title.max} />}
      </Field>
      <Field id={`${id}-summary`} label={t('network.knowledge.workspace.summary')} error={errors.summary} required>
        {(props) => <textarea {...props} lang={values.language} rows={3} value={values.summary} onChange={set('summary')} maxLength={H.summary} />}
      </Field>
      <Field id={`${id}-body`} label={t('network.knowledge.workspace.body')}>
        {(props) => <textarea {...props} lang={values.language} rows={6} value={values.body} onChange={set('body')} maxLength={H.body} />}
      </Field>
      <Field id={`${id}-link`} label={t('network.knowledge.link')} hint={t('network.knowledge.workspace.linkHint')}>
        {(props) => <input {...props} type="url" value={values.link} onChange={set('link')} maxLength={H.link} />}
      </Field>
      <fieldset className="network-tags" aria-describedby={`${id}-tags-hint`}>
        <legend>{t('network.knowledge.workspace.tags')}</legend>
        <p id={`${id}-tags-hint`} className="small muted">{t('network.knowledge.workspace.tagsHint', { max: H.tags })}</p>
        {tags.isPending && <p role="status">{t('network.loading')}</p>}
        {tags.isError && <p role="alert">{t('network.loadError')}</p>}
        {tags.data && (
          <>
            <TagPicker id={`${id}-themes`} legend={t('network.knowledge.facet.theme')} scroll chosen={values.themes} onToggle={toggle('themes')}
              options={tags.data.themes.map((term) => ({ value: term.key, label: term.label }))} />
            <TagPicker id={`${id}-mechanisms`} legend={t('network.knowledge.facet.mechanism')} scroll chosen={values.mechanisms} onToggle={toggle('mechanisms')}
              options={tags.data.mechanisms.map((mechanism) => ({ value: mechanism.key, label: tagLabel(tags.data, 'mechanism', mechanism.key) }))} />
          </>
        )}
        <TagPicker id={`${id}-sdgs`} legend={t('network.knowledge.facet.sdg')} chosen={values.sdgs} onToggle={toggle('sdgs')}
          options={SDG_GOALS.map((goal) => ({ value: goal, label: t('network.knowledge.sdg', { goal }) }))} />
        <TagPicker id={`${id}-regions`} legend={t('network.knowledge.facet.region')} chosen={values.regions} onToggle={toggle('regions')}
          options={UN_REGIONAL_GROUPS.map((group) => ({ value: group, label: groupLabel(t, group) }))} />
        <TagPicker id={`${id}-types`} legend={t('network.knowledge.facet.nmirf_type')} chosen={values.nmirf_types} onToggle={toggle('nmirf_types')}
          options={NMIRF_TYPES.map((type) => ({ value: type, label: t(`network.types.${type}`) }))} />
      </fieldset>
      {children}
      <button type="submit" className="primary" aria-disabled={busy || undefined}>{submitLabel}</button>
    </form>
  );
}

/** Checkboxes for the values of one tag, in a fieldset named by its legend. */
function TagPicker<V extends string | number>({ id, legend, options, chosen, onToggle, scroll }: {
  id: string; legend: string; options: { value: V; label: string }[]; chosen: V[]; onToggle: (value: V, on: boolean) => void;
  /** A long list (the reference data's): shown in a box of its own height. */
  scroll?: boolean;
}) {
  return (
    <fieldset className={scroll ? 'network-checks network-tags-scroll' : 'network-checks'} data-tags={id}>
      <legend>{legend}</legend>
      {options.map((option, index) => (
        <label key={option.value}>
          <input type="checkbox" id={`${id}-${index}`} checked={chosen.includes(option.value)} onChange={(event) => onToggle(option.value, event.target.checked)} />
          {' '}{option.label}
        </label>
      ))}
    </fieldset>
  );
}
