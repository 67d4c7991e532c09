import { useTranslation } from '../../i18n';
import { progressLabel } from './labels';

/** Where a planned activity stands, in words (its colour is only a second cue). */
export function ProgressBadge({ progress }: { progress: string | null }) {
  const { t } = useTranslation();
  if (!progress) return null;
  return <span className={`badge progress-${progress}`}>{progressLabel(t, progress)}</span>;
}
