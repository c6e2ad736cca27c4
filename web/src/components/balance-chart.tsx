/**
 * The giving balance month by month, drawn with uPlot. This module (with uPlot and its CSS) is only
 * ever imported lazily, so the chart's code is not part of the first screen's JavaScript. The chart
 * follows its container's width (ResizeObserver), from a phone to a wide screen.
 */
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import "./balance-chart.css";

export interface BalanceChartPoint {
  at: string;
  ratio: number | null;
}

const OVERDRAWN_BELOW = 0.35;
const GIVING_ABOVE = 0.65;
const HEIGHT = 180;
const DAY = 86_400;

function cssColor(element: Element, name: string, fallback: string): string {
  return getComputedStyle(element).getPropertyValue(name).trim() || fallback;
}

export default function BalanceChart({ points }: { points: BalanceChartPoint[] }) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const xs = points.map((p) => Date.parse(p.at) / 1000);
    const ys = points.map((p) => p.ratio);
    const accent = cssColor(element, "--accent", "#2f6f5e");
    const muted = cssColor(element, "--muted", "#5d6863");
    const line = cssColor(element, "--line", "#dfe4e1");
    const danger = cssColor(element, "--danger", "#a3322a");
    const axis = {
      stroke: muted,
      font: "11px system-ui, sans-serif",
      grid: { stroke: line, width: 1 },
      ticks: { stroke: line, width: 1 },
    };
    const threshold = (value: number, color: string, label: string): uPlot.Series => ({
      label,
      stroke: color,
      width: 1,
      dash: [4, 4],
      points: { show: false },
      value: () => value.toFixed(2),
    });
    const chart = new uPlot(
      {
        width: Math.max(element.clientWidth, 200),
        height: HEIGHT,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true }, y: { range: [0, 1] } },
        axes: [
          {
            ...axis,
            space: 60,
            // whole days at the least: a history of a few days must not be labelled in hours
            incrs: [DAY, 7 * DAY, 30 * DAY, 91 * DAY, 182 * DAY, 365 * DAY],
            values: (_u, splits) => {
              const span = (xs[xs.length - 1] ?? 0) - (xs[0] ?? 0);
              const format: Intl.DateTimeFormatOptions =
                span < 120 * DAY ? { day: "numeric", month: "short" } : { month: "short", year: "2-digit" };
              return splits.map((at) => new Date(at * 1000).toLocaleDateString(undefined, format));
            },
          },
          {
            ...axis,
            size: 40,
            splits: () => [0, OVERDRAWN_BELOW, GIVING_ABOVE, 1],
            values: (_u, v) => v.map((n) => n.toFixed(2)),
          },
        ],
        series: [
          {},
          {
            label: "Balance",
            stroke: accent,
            width: 2,
            fill: `${accent}22`,
            points: { show: points.length < 30, size: 4 },
          },
          threshold(OVERDRAWN_BELOW, danger, "Overdrawn below"),
          threshold(GIVING_ABOVE, accent, "Giving above"),
        ],
      },
      [xs, ys, xs.map(() => OVERDRAWN_BELOW), xs.map(() => GIVING_ABOVE)],
      element,
    );
    const observer = new ResizeObserver(() => {
      const width = element.clientWidth;
      if (width > 0 && width !== chart.width) chart.setSize({ width, height: HEIGHT });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [points]);

  return <div ref={box} className="balance-chart" />;
}
