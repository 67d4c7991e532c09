/**
 * The report composer's closed lists and their labels, in the reader's
 * language. The lists repeat shared/reports.ts, which loads zod; the types
 * below fail to compile if the two ever differ.
 */
import type { TFunction } from '../../i18n';
import type { ReportGrouping, ReportTemplate } from '../../api/reports';
import { locales } from '../../../shared/i18n/languages';

export const REPORT_TEMPLATES = ['upr_midterm', 'treaty_periodic', 'treaty_follow_up', 'custom'] as const satisfies readonly ReportTemplate[];
export const REPORT_GROUPINGS = ['theme', 'cluster', 'institution', 'paragraph'] as const satisfies readonly ReportGrouping[];
export const REPORT_LANGUAGES = locales;

type EveryOne<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : never;
true satisfies EveryOne<ReportTemplate, (typeof REPORT_TEMPLATES)[number]>;
true satisfies EveryOne<ReportGrouping, (typeof REPORT_GROUPINGS)[number]>;

export const templateLabel = (t: TFunction, template: string) => t(`reports.templates.${template}`, { defaultValue: template });
export const groupingLabel = (t: TFunction, grouping: string) => t(`reports.groupings.${grouping}`, { defaultValue: grouping });
export const reasonLabel = (t: TFunction, reason: string) => t(`reports.versions.reasons.${reason}`, { defaultValue: reason });
