import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import type { Report, ReportSection } from '../../api/reports';
import { formatNumber } from '../../lib/format';
import { failureNotice, NoticeRegion, usePageNotice } from '../../lib/page-notice';
import { useFocusLater } from './focus-later';

type SaveSection = (key: string, text: string | null) => Promise<void>;

/** "rec:123" → "section-rec-123": usable in ids and selectors. */
const domId = (key: string) => `section-${key.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

/** Consecutive sections under the same group heading (the server orders them by group). */
function groupsOf(sections: ReportSection[]): { heading: string | null; sections: ReportSection[] }[] {
  const groups: { heading: string | null; sections: ReportSection[] }[] = [];
  for (const section of sections) {
    const last = groups.at(-1);
    if (last && last.heading === section.group_heading) last.sections.push(section);
    else groups.push({ heading: section.group_heading, sections: [section] });
  }
  return groups;
}

/**
 * The draft's sections under their group headings. Sections are read as text;
 * only the one being edited becomes a form, so that a draft of thousands of
 * recommendations stays light.
 */
export function ReportSections({ report, onSave, onReload }: { report: Report; onSave: SaveSection; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState<string | null>(null);
  const focusLater = useFocusLater();
  const groups = useMemo(() => groupsOf(report.sections), [report.sections]);
  const grouped = groups.some((group) => group.heading !== null);
  const edited = report.sections.filter((s) => s.edited).length;

  function open(key: string) {
    setEditing(key);
  }
  function close(key: string) {
    setEditing(null);
    focusLater(`${domId(key)}-edit`);
  }

  const item = (section: ReportSection) => (
    <SectionItem
      key={section.key}
      section={section}
      language={report.language}
      headingLevel={grouped ? 4 : 3}
      editing={editing === section.key}
      onEdit={() => open(section.key)}
      onClose={() => close(section.key)}
      onSave={onSave}
      onReload={onReload}
    />
  );

  return (
    <section className="panel report-sections" aria-labelledby="report-sections-heading">
      <h2 id="report-sections-heading">{t('reports.draft.sectionsHeading')}</h2>
      {report.sections.length === 0 ? <p>{t('reports.draft.noSections')}</p> : (
        <p className="hint small muted">
          {t('reports.draft.sectionsSummary', { number: formatNumber(report.sections.length, i18n.language), edited: formatNumber(edited, i18n.language) })}
        </p>
      )}
      {grouped
        ? groups.map((group, index) => (
          <div key={`${index}:${group.heading}`} className="report-group">
            <h3 className="report-group-heading" lang={report.language}>{group.heading ?? t('reports.draft.ungrouped')}</h3>
            {group.sections.map(item)}
          </div>
        ))
        : report.sections.map(item)}
    </section>
  );
}

function SectionItem({ section, language, headingLevel, editing, onEdit, onClose, onSave, onReload }: {
  section: ReportSection;
  language: string;
  headingLevel: 3 | 4;
  editing: boolean;
  onEdit: () => void;
  onClose: () => void;
  onSave: SaveSection;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const id = domId(section.key);
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <article
      className={`report-section${section.edited ? ' is-edited' : ''}${section.orphaned ? ' is-orphaned' : ''}`}
      id={id}
      aria-labelledby={`${id}-heading`}
      data-key={section.key}
    >
      <div className="report-section-head">
        <Heading id={`${id}-heading`} className="report-section-heading" lang={language}>{section.heading}</Heading>
        {section.edited && <span className="badge report-badge-edited">{t('reports.draft.edited')}</span>}
        {section.orphaned && <span className="badge report-badge-orphaned"><span aria-hidden="true">⚠ </span>{t('reports.draft.orphaned')}</span>}
      </div>
      {section.orphaned && <p className="hint small muted">{t('reports.draft.orphanedHint')}</p>}
      {editing ? (
        <SectionEditor section={section} id={id} language={language} onClose={onClose} onSave={onSave} onReload={onReload} />
      ) : (
        <>
          <div className="report-section-text" lang={language}>{section.text}</div>
          <button type="button" className="secondary report-edit" id={`${id}-edit`} onClick={onEdit}>
            {t('reports.draft.edit')}<span className="visually-hidden">: {section.heading}</span>
          </button>
        </>
      )}
    </article>
  );
}

function SectionEditor({ section, id, language, onClose, onSave, onReload }: {
  section: ReportSection;
  id: string;
  language: string;
  onClose: () => void;
  onSave: SaveSection;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(section.text);
  const [empty, setEmpty] = useState(false);
  const [busy, setBusy] = useState(false);
  const notice = usePageNotice();
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    field.current?.focus();
  }, []);

  async function save(value: string | null) {
    if (busy) return;
    if (value !== null && value.trim() === '') {
      setEmpty(true);
      field.current?.focus();
      return;
    }
    setEmpty(false);
    // Nothing changed: saving would only mark the compiled text as an edit.
    if (value !== null && value === section.text) {
      onClose();
      return;
    }
    setBusy(true);
    notice.show(null);
    try {
      await onSave(section.key, value);
      onClose();
    } catch (error) {
      notice.show(failureNotice(t('reports.draft.sectionError'), error, t('auth.genericError')), true);
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void save(text);
  }

  const rows = Math.min(30, Math.max(8, text.split('\n').length + 2));
  return (
    <form className="report-editor" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <NoticeRegion state={notice} onReload={onReload} />
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('reports.draft.textLabel', { heading: section.heading })}</label>
        <textarea
          id={`${id}-text`}
          ref={field}
          lang={language}
          rows={rows}
          maxLength={50_000}
          value={text}
          onChange={(e) => { setText(e.target.value); setEmpty(false); }}
          aria-invalid={empty || undefined}
          aria-describedby={empty ? `${id}-text-error` : undefined}
        />
        {empty && <p id={`${id}-text-error`} className="field-error">{t('reports.draft.emptyText')}</p>}
      </div>
      {section.edited && (
        <details className="report-compiled">
          <summary>{t('reports.draft.compiledText')}</summary>
          <div className="report-section-text" lang={language}>{section.generated_text}</div>
        </details>
      )}
      <div className="button-row">
        <button type="submit" className="primary" aria-disabled={busy || undefined}>
          {busy ? t('reports.draft.saving') : t('reports.draft.save')}
        </button>
        <button type="button" className="secondary" onClick={onClose}>{t('reports.draft.cancel')}</button>
        {section.edited && (
          <button type="button" className="secondary" aria-disabled={busy || undefined} onClick={() => void save(null)}>
            {t('reports.draft.restore')}
          </button>
        )}
      </div>
    </form>
  );
}
