// A y axis a person reads at a glance: whole counts, steps of 1, 2 or 5 × 10ⁿ,
// about four gridlines, the top at or just above the largest bar.

export interface Scale {
  top: number;
  ticks: number[];
}

export function countScale(largest: number, gridlines = 4): Scale {
  if (largest <= 0) return { top: gridlines, ticks: Array.from({ length: gridlines + 1 }, (_, i) => i) };
  const rough = largest / gridlines;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(
    1,
    [1, 2, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= rough) ?? 10 * magnitude,
  );
  const top = Math.ceil(largest / step) * step;
  const ticks: number[] = [];
  for (let value = 0; value <= top; value += step) ticks.push(value);
  return { top, ticks };
}
