"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type ChartSeries = { key: string; label: string; color: string; stackId?: string };

/**
 * One statistics plot (SPEC 18) as SVG from Recharts, with the same numbers as a table for
 * screen readers (and for anyone who wants the figures): the chart alone says nothing to a
 * person who cannot see it.
 */
export function StatsChart(props: {
  id: string;
  title: string;
  rows: Record<string, string | number>[];
  series: ChartSeries[];
  periodLabel: string;
  format: (value: number) => string;
}) {
  const total = (key: string) => props.rows.reduce((sum, row) => sum + Number(row[key] ?? 0), 0);
  const summary = `${props.title}: ${props.series.map((s) => `${s.label} ${props.format(total(s.key))}`).join(", ")}`;
  return (
    <figure aria-labelledby={`${props.id}-title`} className="rounded-lg border border-slate-200 p-3" data-testid={`chart-${props.id}`}>
      <figcaption id={`${props.id}-title`} className="mb-2 text-sm font-semibold text-slate-800">
        {props.title}
      </figcaption>
      <div role="img" aria-label={summary} className="h-52 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={props.rows} margin={{ top: 4, right: 8, bottom: 4, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} />
            <YAxis tick={{ fontSize: 11 }} width={48} allowDecimals={false} />
            <Tooltip formatter={(value) => props.format(Number(value))} />
            {props.series.length > 1 ? <Legend /> : null}
            {props.series.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} stackId={s.stackId} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="sr-only" aria-label={props.title}>
        <thead>
          <tr>
            <th scope="col">{props.periodLabel}</th>
            {props.series.map((s) => (
              <th key={s.key} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={String(row.start)}>
              <th scope="row">{row.label}</th>
              {props.series.map((s) => (
                <td key={s.key}>{props.format(Number(row[s.key] ?? 0))}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
