/** Why an adopted plan changes: every change to it is a revision, kept with its reason. */
import { useTranslation } from '../../i18n';
import { Field } from '../../components/Field';
import { LIMITS } from '../../../shared/limits';

export function RevisionReason({ id, value, error, onChange, required = true }: {
  id: string;
  value: string;
  error?: string;
  onChange: (text: string) => void;
  required?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Field id={id} label={t('plans.revisionReason')} hint={t('plans.revisionReasonHint')} error={error} required={required} showRequired={required}>
      {(props) => <textarea {...props} rows={2} maxLength={LIMITS.plan.revisionReason} value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}
