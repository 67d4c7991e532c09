/** What a chart draws and its data table lists: categories (rows) with one value per series. */
export interface ChartSeries { key: string; label: string }
export interface ChartRow { key: string; label: string; values: number[] }
export interface ChartData {
  /** Header of the category column (e.g. "Mechanism"). */
  category: string;
  series: ChartSeries[];
  rows: ChartRow[];
}

/** The data table as CSV rows: a header, then one line per category. */
export function csvRows(data: ChartData): (string | number)[][] {
  return [[data.category, ...data.series.map((s) => s.label)], ...data.rows.map((row) => [row.label, ...row.values])];
}

/**
 * Colours for series, each at least 3:1 against white (WCAG 1.4.11) and each
 * with its own fill pattern, so that a series is told apart without colour.
 */
export const SERIES_COLOURS = ['#1a4f8b', '#b4530a', '#2e7d32', '#6a3d9a', '#a4161a', '#00695c', '#7a5c00', '#37474f'];
export const NEUTRAL_COLOUR = '#5f6773';
export const PATTERNS = ['solid', 'diagonal', 'dots', 'horizontal', 'crosshatch', 'vertical'] as const;
