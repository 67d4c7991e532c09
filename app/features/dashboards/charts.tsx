/**
 * Small SVG charts of our own: a horizontal bar chart (one or more series)
 * and a stacked column chart over time. They draw with presentation
 * attributes (no style attributes: the CSP allows none, and the picture
 * download must look like the page), scale to their container's width, and
 * tell series apart by pattern as well as colour.
 *
 * In a right-to-left language they are drawn in mirror: bars grow from the right, the value axis stands on the
 * right and time runs from right to left, as the page reads. The drawing says its own direction (`direction`),
 * so that its text reads the same on the page and in the downloaded picture.
 */
import { useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { localeDirection } from '../../../shared/i18n/languages';
import { formatNumber } from '../../lib/format';
import { NEUTRAL_COLOUR, PATTERNS, SERIES_COLOURS, type ChartData } from './chart-data';
import { type Across, across, fitLabel, labelEvery, niceTicks, scaleLength } from './scale';

const TEXT = '#1b1f24';
const MUTED = '#4a5361';
const GRID = '#d5dae1';
const FONT = 13;

/** The width of an element, following it as the page resizes. */
export function useElementWidth<T extends HTMLElement>(fallback = 640): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidth(Math.max(240, Math.floor(element.getBoundingClientRect().width)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

export interface SeriesStyle { colour: string; pattern: (typeof PATTERNS)[number] }

export function seriesStyle(index: number, neutral = false): SeriesStyle {
  if (neutral) return { colour: NEUTRAL_COLOUR, pattern: 'dots' };
  return { colour: SERIES_COLOURS[index % SERIES_COLOURS.length], pattern: PATTERNS[index % PATTERNS.length] };
}

/** One <pattern> per series; `fill(i)` is the fill for series i. */
function Patterns({ id, styles }: { id: string; styles: SeriesStyle[] }) {
  return (
    <defs>
      {styles.map((style, i) => {
        if (style.pattern === 'solid') return null;
        const lines: Record<string, ReactNode> = {
          diagonal: <path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#ffffff" strokeWidth="1.6" />,
          dots: <circle cx="4" cy="4" r="1.5" fill="#ffffff" />,
          horizontal: <path d="M0,4 h8" stroke="#ffffff" strokeWidth="1.6" />,
          crosshatch: <path d="M0,0 l8,8 M8,0 l-8,8" stroke="#ffffff" strokeWidth="1.2" />,
          vertical: <path d="M4,0 v8" stroke="#ffffff" strokeWidth="1.6" />,
        };
        return (
          <pattern key={i} id={`${id}-p${i}`} width="8" height="8" patternUnits="userSpaceOnUse">
            <rect width="8" height="8" fill={style.colour} />
            {lines[style.pattern]}
          </pattern>
        );
      })}
    </defs>
  );
}

const fillOf = (id: string, styles: SeriesStyle[], i: number) =>
  (styles[i].pattern === 'solid' ? styles[i].colour : `url(#${id}-p${i})`);

/** Legend items laid out in rows across the width; returns the elements and the height they take. */
function legend(id: string, labels: string[], styles: SeriesStyle[], width: number, top: number, x: Across): { node: ReactNode; height: number } {
  const items: ReactNode[] = [];
  let at = 0;
  let y = top;
  labels.forEach((label, i) => {
    const text = fitLabel(label, width - 24, 7.8);
    // Generous per character (13px text averages about 7px): an overlap would hide a series' name.
    const itemWidth = 20 + text.length * 7.8 + 18;
    if (at > 0 && at + itemWidth > width) { at = 0; y += 22; }
    items.push(
      <g key={i} transform={`translate(0 ${y})`}>
        <rect x={x(at, 14)} width="14" height="14" fill={fillOf(id, styles, i)} stroke={styles[i].colour} strokeWidth="1.5" />
        <text x={x(at + 20)} y="12" fontSize={FONT} fill={TEXT}>{text}</text>
      </g>,
    );
    at += itemWidth;
  });
  return { node: <g>{items}</g>, height: labels.length ? y - top + 28 : 0 };
}

const safeId = (raw: string) => raw.replace(/[^A-Za-z0-9_-]/g, '');

interface ChartProps {
  id: string;
  data: ChartData;
  width: number;
  locale: string;
  labelledBy: string;
  svgRef: RefObject<SVGSVGElement | null>;
  /** Series whose colour says "nothing here" (not assessed, no institution): grey. */
  neutralRows?: string[];
}

/** Horizontal bars: each category's label on its own line, then one bar per series with its value written after it. */
export function BarChart({ id: rawId, data, width, locale, labelledBy, svgRef, neutralRows = [] }: ChartProps) {
  const id = safeId(rawId);
  const x = across(locale, width);
  const styles = data.series.map((_, i) => seriesStyle(i));
  const many = data.series.length > 1;
  const top = many ? legend(id, data.series.map((s) => s.label), styles, width, 0, x) : { node: null, height: 0 };
  const valueRoom = 64;
  const plot = Math.max(40, width - valueRoom);
  const max = Math.max(0, ...data.rows.flatMap((r) => r.values));
  const bar = 16;
  const rowHeight = 20 + data.series.length * (bar + 4) + 8;
  const height = top.height + data.rows.length * rowHeight + 4;
  return (
    <svg ref={svgRef} role="img" aria-labelledby={labelledBy} width={width} height={height} viewBox={`0 0 ${width} ${height}`} className="chart-svg" direction={localeDirection(locale)}>
      <Patterns id={id} styles={styles} />
      {top.node}
      {data.rows.map((row, r) => {
        const y = top.height + r * rowHeight;
        const neutral = neutralRows.includes(row.key);
        return (
          <g key={row.key} transform={`translate(0 ${y})`}>
            <text x={x(0)} y="14" fontSize={FONT} fill={TEXT}>{fitLabel(row.label, width)}</text>
            {row.values.map((value, s) => {
              const length = scaleLength(value, max, plot);
              const fill = neutral ? NEUTRAL_COLOUR : fillOf(id, styles, s);
              return (
                <g key={s} transform={`translate(0 ${20 + s * (bar + 4)})`}>
                  <title>{`${row.label}${many ? ` – ${data.series[s].label}` : ''}: ${formatNumber(value, locale)}`}</title>
                  {length > 0 && (
                    <rect x={x(0, Math.max(2, length))} width={Math.max(2, length)} height={bar} fill={fill} stroke={neutral ? NEUTRAL_COLOUR : styles[s].colour} strokeWidth="1" />
                  )}
                  <line x1={x(0)} x2={x(0)} y1="-2" y2={bar + 2} stroke={MUTED} strokeWidth="1" />
                  <text x={x(length + 6)} y={bar - 3} fontSize={FONT} fill={TEXT} fontWeight="600">{formatNumber(value, locale)}</text>
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}

/** Stacked columns over time: one column per period, a segment per series, with a value axis and gridlines. */
export function StackedColumnChart({ id: rawId, data, width, locale, labelledBy, svgRef, neutralRows = [] }: ChartProps) {
  const id = safeId(rawId);
  const x = across(locale, width);
  const styles = data.series.map((s, i) => seriesStyle(i, neutralRows.includes(s.key)));
  const top = legend(id, data.series.map((s) => s.label), styles, width, 0, x);
  const left = 48;
  const bottom = 40;
  const plotHeight = 220;
  const plotWidth = Math.max(40, width - left - 8);
  const totals = data.rows.map((r) => r.values.reduce((a, b) => a + b, 0));
  const ticks = niceTicks(Math.max(0, ...totals));
  const max = ticks[ticks.length - 1];
  const slot = plotWidth / Math.max(1, data.rows.length);
  const column = Math.max(2, Math.min(48, slot * 0.7));
  const every = labelEvery(data.rows.length, plotWidth, 64);
  const y0 = top.height + 8 + plotHeight;
  const height = y0 + bottom;
  return (
    <svg ref={svgRef} role="img" aria-labelledby={labelledBy} width={width} height={height} viewBox={`0 0 ${width} ${height}`} className="chart-svg" direction={localeDirection(locale)}>
      <Patterns id={id} styles={styles} />
      {top.node}
      {ticks.map((tick) => {
        const y = y0 - scaleLength(tick, max, plotHeight);
        return (
          <g key={tick}>
            <line x1={x(left)} x2={x(width - 8)} y1={y} y2={y} stroke={tick === 0 ? MUTED : GRID} strokeWidth="1" />
            <text x={x(left - 6)} y={y + 4} fontSize="12" fill={MUTED} textAnchor="end">{formatNumber(tick, locale)}</text>
          </g>
        );
      })}
      {data.rows.map((row, r) => {
        const at = left + r * slot + (slot - column) / 2;
        let stacked = 0;
        return (
          <g key={row.key}>
            <title>{`${row.label}: ${row.values.map((v, s) => `${data.series[s].label} ${formatNumber(v, locale)}`).join(', ')}`}</title>
            {row.values.map((value, s) => {
              if (!(value > 0)) return null;
              const yTop = y0 - scaleLength(stacked + value, max, plotHeight);
              const h = scaleLength(value, max, plotHeight);
              stacked += value;
              return <rect key={s} x={x(at, column)} y={yTop} width={column} height={h} fill={fillOf(id, styles, s)} stroke="#ffffff" strokeWidth="1" />;
            })}
            {r % every === 0 && (
              // Centred under its column, but kept inside the drawing at the reading end.
              <text x={x(Math.min(at + column / 2, width - 34))} y={y0 + 18} fontSize="12" fill={TEXT} textAnchor="middle">{row.label}</text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
