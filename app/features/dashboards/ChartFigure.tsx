import { useId, useRef, useState } from 'react';
import { useTranslation } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { csvRows, type ChartData } from './chart-data';
import { BarChart, StackedColumnChart, useElementWidth } from './charts';
import { csvBlob } from './csv';
import { saveBlob, svgBlob, svgToPng } from './download';

interface Props {
  /** Stable name: the figure's id and the downloaded files' names. */
  name: string;
  title: string;
  description?: string;
  kind: 'bars' | 'columns';
  data: ChartData;
  /** Rows (bars) or series (columns) that stand for "none": drawn grey. */
  neutral?: string[];
  /** The chart shows the first rows only; the table and the CSV have them all. */
  chartRows?: number;
}

/**
 * A chart as a figure: its title, the picture, the same numbers as a table
 * (in a disclosure, opened with Enter or Space), and both as downloads.
 */
export function ChartFigure({ name, title, description, kind, data, neutral, chartRows }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const headingId = `chart-${name}-heading`;
  const rawId = useId();
  const [box, width] = useElementWidth<HTMLDivElement>();
  const svg = useRef<SVGSVGElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const empty = data.rows.length === 0 || data.rows.every((r) => r.values.every((v) => v === 0));
  const shown = chartRows && data.rows.length > chartRows ? { ...data, rows: data.rows.slice(0, chartRows) } : data;

  async function downloadImage() {
    if (!svg.current) return;
    setProblem(null);
    try {
      saveBlob(await svgToPng(svg.current, title), `${name}.png`);
    } catch {
      // A browser that cannot turn the drawing into a PNG still gets the drawing.
      try {
        saveBlob(svgBlob(svg.current, title), `${name}.svg`);
      } catch {
        setProblem(t('dashboards.imageFailed'));
      }
    }
  }

  const Chart = kind === 'bars' ? BarChart : StackedColumnChart;
  return (
    <figure className="chart" id={`chart-${name}`} aria-labelledby={headingId}>
      <figcaption>
        <h2 id={headingId}>{title}</h2>
        {description && <p className="small muted">{description}</p>}
      </figcaption>
      {empty ? (
        <p className="chart-empty">{t('dashboards.noData')}</p>
      ) : (
        <>
          <div ref={box} className="chart-box">
            <Chart id={`${name}${rawId}`} data={shown} width={width} locale={locale} labelledBy={headingId} svgRef={svg} neutralRows={neutral} />
          </div>
          {shown !== data && (
            <p className="small muted">{t('dashboards.firstRows', { shown: formatNumber(shown.rows.length, locale), total: formatNumber(data.rows.length, locale) })}</p>
          )}
          <details className="chart-table">
            <summary>
              {t('dashboards.dataTable')}
              <span className="visually-hidden">: {title}</span>
            </summary>
            {/* A wide table scrolls sideways: focusable so that the keyboard can scroll it too. */}
            <div className="table-scroll" tabIndex={0} role="region" aria-label={`${t('dashboards.dataTable')}: ${title}`}>
              <table className="data-table">
                <caption className="visually-hidden">{title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{data.category}</th>
                    {data.series.map((s) => <th key={s.key} scope="col" className="numeric">{s.label}</th>)}
                  </tr>
                </thead>
                <tbody>
                  {data.rows.map((row) => (
                    <tr key={row.key}>
                      <th scope="row">{row.label}</th>
                      {row.values.map((v, i) => <td key={data.series[i].key} className="numeric">{formatNumber(v, locale)}</td>)}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
          <div className="chart-actions">
            <button type="button" className="secondary" onClick={() => saveBlob(csvBlob(csvRows(data)), `${name}.csv`)}>
              {t('dashboards.downloadCsv')}
              <span className="visually-hidden">: {title}</span>
            </button>
            <button type="button" className="secondary" onClick={() => void downloadImage()}>
              {t('dashboards.downloadImage')}
              <span className="visually-hidden">: {title}</span>
            </button>
          </div>
          {problem && <p role="alert" className="field-error">{problem}</p>}
        </>
      )}
    </figure>
  );
}
