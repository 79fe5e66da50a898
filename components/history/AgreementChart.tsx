"use client";

import "uplot/dist/uPlot.min.css";
import { useEffect, useRef } from "react";
import type uPlot from "uplot";

export type WeeklyAgreement = { week: string; judged: number; agreed: number };

const day = 86_400;
const weekLabel = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", timeZone: "UTC" });

/** A week's Monday (YYYY-MM-DD, UTC) as Unix seconds, uPlot's time unit. */
const toSeconds = (week: string) => Date.parse(`${week}T00:00:00Z`) / 1000;

/** Formats a week's Monday as "2 Nov". */
export const formatWeek = (week: string) => weekLabel.format(new Date(`${week}T00:00:00Z`));

/** At most `count` of the weeks, evenly spread and always the first and last, so labels never overlap. */
function spreadTicks(times: number[], count: number): number[] {
  if (times.length <= count) return times;
  const step = (times.length - 1) / (count - 1);
  return Array.from({ length: count }, (_, index) => times[Math.round(index * step)]!);
}

function chartOptions(width: number, times: number[]): uPlot.Options {
  const first = times[0]!;
  const last = times.at(-1)!;
  return {
    width,
    height: 120,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { size: 8 } },
    scales: {
      // Half a week either side, so a single week is a point in the middle rather than a degenerate range.
      x: { time: true, range: () => [first - 3.5 * day, last + 3.5 * day] },
      y: { range: [0, 100] },
    },
    axes: [
      {
        splits: (self) => spreadTicks(times, Math.max(2, Math.floor(self.width / 70))),
        values: (_, splits) => splits.map((seconds) => weekLabel.format(new Date(seconds * 1000))),
        size: 28,
        font: "11px system-ui, sans-serif",
        stroke: "#475569",
        grid: { show: false },
      },
      {
        splits: () => [0, 50, 100],
        values: (_, splits) => splits.map((value) => `${value}%`),
        size: 48,
        font: "11px system-ui, sans-serif",
        stroke: "#475569",
        grid: { stroke: "#e2e8f0", width: 1 },
      },
    ],
    series: [
      {},
      {
        label: "Agreement",
        stroke: "#3556d6",
        width: 2,
        fill: "rgba(53, 86, 214, 0.08)",
        points: { show: true, size: 6, fill: "#3556d6" },
      },
    ],
  };
}

/**
 * The weekly agreement rate of one model as a small line chart (uPlot, loaded
 * only when a chart is shown). The canvas is summarised in words for screen
 * readers; the numbers themselves are in the table beside it.
 */
export function AgreementChart({ weeks, label }: { weeks: WeeklyAgreement[]; label: string }) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = container.current;
    if (!element || weeks.length === 0) return;
    const times = weeks.map((entry) => toSeconds(entry.week));
    const rates = weeks.map((entry) => (entry.judged === 0 ? null : (100 * entry.agreed) / entry.judged));
    let chart: uPlot | null = null;
    let isCancelled = false;
    void import("uplot").then(({ default: UPlot }) => {
      if (isCancelled) return;
      chart = new UPlot(chartOptions(element.clientWidth, times), [times, rates], element);
    });
    const observer = new ResizeObserver(([entry]) => {
      if (chart && entry) chart.setSize({ width: entry.contentRect.width, height: 120 });
    });
    observer.observe(element);
    return () => {
      isCancelled = true;
      observer.disconnect();
      chart?.destroy();
    };
  }, [weeks]);

  return (
    <div ref={container} role="img" aria-label={label} className="h-[120px] w-full" data-testid="agreement-chart" />
  );
}
