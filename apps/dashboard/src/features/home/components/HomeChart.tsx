import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type ChartOptions } from 'chart.js';
import { useId } from 'react';
import { Bar } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';

// Tree-shaken registration: only what a bar chart needs. This module is only reached from the lazy
// role sections of the home page, so chart.js never weighs on the login page or the app shell.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface Series {
  label: string;
  values: number[];
  colour: string;
}

interface Props {
  /** The chart's accessible name, shown as its caption. */
  title: string;
  /** One sentence saying what the picture shows (read with the name; the table has every value). */
  summary: string;
  labels: string[];
  series: Series[];
  /** Stack the series (parts of one total per label). */
  stacked?: boolean;
  /** Horizontal bars (long labels such as warehouse names). */
  horizontal?: boolean;
  /** One colour per bar (a single series whose bars mean different things, e.g. statuses). */
  colours?: string[];
  /** How a value is written in the tooltip, the axis and the table. */
  format: (value: number) => string;
  /** Whole numbers only on the value axis (counts). */
  integer?: boolean;
  /** How the value axis is labelled (default: `format`). */
  axisFormat?: (value: number) => string;
  /** Header of the label column of the table. */
  labelHeader: string;
  testId?: string;
}

/**
 * A bar chart with its text alternative: the canvas is an image named by the title and the summary,
 * and a visually hidden table beside it holds every number for screen readers. The caption names the
 * figure for assistive technology only: the card around the chart shows the same title.
 */
export function HomeChart({
  title,
  summary,
  labels,
  series,
  stacked = false,
  horizontal = false,
  colours,
  integer = false,
  format,
  axisFormat = format,
  labelHeader,
  testId,
}: Props) {
  const { t } = useTranslation();
  const captionId = useId();
  const valueAxis = horizontal ? 'x' : 'y';
  const valueTicks = { callback: (v: string | number) => axisFormat(Number(v)), ...(integer ? { precision: 0 } : {}) };
  const options: ChartOptions<'bar'> = {
    indexAxis: horizontal ? 'y' : 'x',
    responsive: true,
    maintainAspectRatio: false,
    // A home is looked at once: no animation (also nothing moving for people who asked for less motion).
    animation: false,
    plugins: {
      legend: { display: series.length > 1, position: 'bottom', labels: { color: '#1f2933', boxWidth: 14 } },
      tooltip: { callbacks: { label: (item) => `${item.dataset.label ?? ''}: ${format(Number(item.raw))}` } },
    },
    scales: {
      x: { stacked, ticks: { color: '#1f2933', ...(valueAxis === 'x' ? valueTicks : {}) } },
      y: { stacked, ticks: { color: '#1f2933', ...(valueAxis === 'y' ? valueTicks : {}) } },
    },
  };
  const totals = labels.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  return (
    <figure className="home-chart" aria-labelledby={captionId} data-testid={testId}>
      <figcaption id={captionId} className="visually-hidden">
        {title}
      </figcaption>
      <div className="home-chart__canvas" style={{ height: `${Math.max(14, horizontal ? labels.length * 2.6 + 4 : 16)}rem` }}>
        <Bar
          role="img"
          aria-label={`${title}. ${summary}`}
          options={options}
          data={{
            labels,
            datasets: series.map((s) => ({
              label: s.label,
              data: s.values,
              backgroundColor: colours && series.length === 1 ? colours : s.colour,
              borderWidth: 0,
            })),
          }}
        />
      </div>
      <p className="home-chart__summary">{summary}</p>
      <table className="visually-hidden">
        <caption>
          {title} — {t('home.chartTable')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{labelHeader}</th>
            {series.map((s) => (
              <th scope="col" key={s.label}>
                {s.label}
              </th>
            ))}
            {series.length > 1 && <th scope="col">{t('home.total')}</th>}
          </tr>
        </thead>
        <tbody>
          {labels.map((label, i) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {series.map((s) => (
                <td key={s.label}>{format(s.values[i] ?? 0)}</td>
              ))}
              {series.length > 1 && <td>{format(totals[i] ?? 0)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
