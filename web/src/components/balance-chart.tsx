/**
 * What was given and received with one person, month by month: a bar up for what I gave, a bar down
 * for what I received, on one scale, so a lopsided relationship shows at a glance (the ratio alone
 * sat near 0.1 for months and said little). Drawn as SVG, as wide as its card: from a phone to a wide
 * screen. This module is only ever imported lazily, so it is not part of the first screen's code.
 */
import { useEffect, useId, useRef, useState } from "react";
import type { MonthFlow } from "../../../src/domain/giving-balance.js";
import "./balance-chart.css";

const HEIGHT = 200;
const TOP = 14;
const BOTTOM = 34;
const LEFT = 34;
const RIGHT = 6;

function monthDate(month: string): Date {
  return new Date(`${month}-15T12:00:00Z`);
}

function monthWords(month: string, withYear: boolean): string {
  return monthDate(month).toLocaleDateString(undefined, {
    month: "short",
    ...(withYear ? { year: "numeric" } : {}),
    timeZone: "UTC",
  });
}

const entries = (n: number) => (n === 1 ? "1 entry" : `${n} entries`);
const weight = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** A round top for the scale: 1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, … */
function niceTop(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 1.5, 2, 3, 4, 5, 6, 8, 10].find((s) => s * power >= value) ?? 10;
  return step * power;
}

export default function BalanceChart({ months }: { months: MonthFlow[] }) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const titleId = useId();
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setWidth(element.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const top = niceTop(Math.max(...months.map((m) => Math.max(m.gave, m.received))));
  const plotWidth = Math.max(width - LEFT - RIGHT, 1);
  const middle = TOP + (HEIGHT - TOP - BOTTOM) / 2;
  const half = (HEIGHT - TOP - BOTTOM) / 2;
  const slot = plotWidth / Math.max(months.length, 1);
  const bar = Math.max(Math.min(slot * 0.64, 28), 2);
  const scale = (value: number) => (value / top) * half;
  // a label for every month when they fit, else every second, third, … month
  const every = Math.max(1, Math.ceil(44 / slot));
  const given = months.reduce((sum, m) => sum + m.gaveEntries, 0);
  const received = months.reduce((sum, m) => sum + m.receivedEntries, 0);
  const first = months[0];
  const last = months[months.length - 1];
  const summary =
    first && last
      ? `${monthWords(first.month, true)} to ${monthWords(last.month, true)}: ${entries(given)} given, ${entries(received)} received.`
      : "";

  return (
    <div ref={box} className="balance-chart">
      <ul className="chart-legend" aria-hidden="true">
        <li>
          <span className="swatch swatch-gave" /> Given by you (up)
        </li>
        <li>
          <span className="swatch swatch-received" /> Received from them (down)
        </li>
      </ul>
      {width > 0 && (
        <svg width={width} height={HEIGHT} role="img" aria-labelledby={titleId}>
          <title id={titleId}>Given and received month by month. {summary}</title>
          {/* the scale: the same weight up and down */}
          {[top, top / 2, 0, top / 2, top].map((value, i) => {
            const y = middle + (i - 2) * (half / 2);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: five fixed lines, top to bottom
              <g key={i} className={i === 2 ? "axis-zero" : "axis-grid"}>
                <line x1={LEFT} x2={LEFT + plotWidth} y1={y} y2={y} />
                <text x={LEFT - 6} y={y} dy="0.32em" textAnchor="end">
                  {weight(value)}
                </text>
              </g>
            );
          })}
          {months.map((m, i) => {
            const x = LEFT + i * slot + (slot - bar) / 2;
            const label = i % every === 0;
            // the year under the first month labelled in it
            const year = m.month.slice(0, 4);
            const newYear =
              label && !months.slice(0, i).some((o, j) => j % every === 0 && o.month.startsWith(year));
            return (
              <g key={m.month}>
                <rect
                  className="bar-gave"
                  x={x}
                  width={bar}
                  y={middle - scale(m.gave)}
                  height={scale(m.gave)}
                >
                  <title>{`${monthWords(m.month, true)}: gave ${weight(m.gave)} (${entries(m.gaveEntries)})`}</title>
                </rect>
                <rect className="bar-received" x={x} width={bar} y={middle} height={scale(m.received)}>
                  <title>{`${monthWords(m.month, true)}: received ${weight(m.received)} (${entries(m.receivedEntries)})`}</title>
                </rect>
                {label && (
                  <text className="axis-month" x={x + bar / 2} y={HEIGHT - BOTTOM + 16} textAnchor="middle">
                    {monthWords(m.month, false)}
                    {newYear && (
                      <tspan x={x + bar / 2} dy="1.1em">
                        {year}
                      </tspan>
                    )}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      )}
    </div>
  );
}
