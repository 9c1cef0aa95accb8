import { line, scaleLinear } from 'd3';

/** What the benchmark measures for one generated estate. */
export interface EstateFigures {
  services: number;
  nodes: number;
  edges: number;
  /** Validate and compile, wall and CPU seconds. */
  loadSec: number;
  loadCpuSec: number;
  /** The simulated seconds, wall and CPU seconds. */
  runSec: number;
  runCpuSec: number;
  events: number;
  requests: number;
  peakRssMiB: number;
}

interface Series {
  label: string;
  colour: string;
  values: number[];
  dashed?: boolean;
}

const WIDTH = 320;
const HEIGHT = 220;
const MARGIN = { top: 28, right: 16, bottom: 38, left: 52 };

/** One small chart: series against estate size, with a y axis of five ticks and a legend on top. */
function panel(
  x0: number,
  title: string,
  unit: string,
  sizes: number[],
  series: Series[],
  limit?: { value: number; label: string },
): string {
  const x = scaleLinear()
    .domain([0, Math.max(...sizes)])
    .range([MARGIN.left, WIDTH - MARGIN.right]);
  const top = Math.max(limit?.value ?? 0, ...series.flatMap((s) => s.values));
  const y = scaleLinear()
    .domain([0, top * 1.1])
    .nice()
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const path = line<number>()
    .x((_, i) => x(sizes[i]))
    .y((v) => y(v));
  const parts: string[] = [`<g transform="translate(${x0},0)">`];
  parts.push(`<text x="${MARGIN.left}" y="14" font-weight="600">${title}</text>`);
  for (const tick of y.ticks(5)) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#e3e3e3"/>`,
      `<text x="${MARGIN.left - 6}" y="${y(tick) + 4}" text-anchor="end">${tick}</text>`,
    );
  }
  for (const size of sizes)
    parts.push(
      `<text x="${x(size)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${size.toLocaleString('en-US')}</text>`,
    );
  parts.push(
    `<text x="${(MARGIN.left + WIDTH - MARGIN.right) / 2}" y="${HEIGHT - 6}" text-anchor="middle">services</text>`,
    `<text transform="translate(12,${(MARGIN.top + HEIGHT - MARGIN.bottom) / 2}) rotate(-90)" text-anchor="middle">${unit}</text>`,
  );
  if (limit !== undefined)
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(limit.value)}" y2="${y(limit.value)}" stroke="#c0392b" stroke-dasharray="4 3"/>`,
      `<text x="${WIDTH - MARGIN.right}" y="${y(limit.value) - 4}" text-anchor="end" fill="#c0392b">${limit.label}</text>`,
    );
  series.forEach((s, k) => {
    const dash = s.dashed ? ' stroke-dasharray="5 3"' : '';
    parts.push(`<path d="${path(s.values)}" fill="none" stroke="${s.colour}" stroke-width="2"${dash}/>`);
    for (let i = 0; i < sizes.length; i++)
      parts.push(`<circle cx="${x(sizes[i])}" cy="${y(s.values[i])}" r="3" fill="${s.colour}"/>`);
    const lx = MARGIN.left + 8;
    const ly = MARGIN.top + 6 + k * 14;
    parts.push(
      `<line x1="${lx}" x2="${lx + 16}" y1="${ly}" y2="${ly}" stroke="${s.colour}" stroke-width="2"${dash}/>`,
      `<text x="${lx + 20}" y="${ly + 4}">${s.label}</text>`,
    );
  });
  parts.push('</g>');
  return parts.join('\n');
}

/**
 * The plot in docs/performance.md: time (load, and the simulated seconds) and peak memory against the
 * number of services, from the benchmark's estate figures. Plain SVG text, no DOM.
 */
export function estateSvg(figures: EstateFigures[], durationSec: number): string {
  const sizes = figures.map((f) => f.services);
  const time = panel(0, 'Time (CPU s; wall dashed)', 'seconds', sizes, [
    { label: 'load', colour: '#2d6cdf', values: figures.map((f) => f.loadCpuSec) },
    { label: `${durationSec} simulated s`, colour: '#e67e22', values: figures.map((f) => f.runCpuSec) },
    {
      label: `${durationSec} simulated s (wall)`,
      colour: '#e67e22',
      dashed: true,
      values: figures.map((f) => f.runSec),
    },
  ]);
  const memory = panel(
    WIDTH,
    'Peak memory (RSS)',
    'MiB',
    sizes,
    [{ label: 'peak RSS', colour: '#27ae60', values: figures.map((f) => f.peakRssMiB) }],
    { value: 1024, label: 'target: 1 GiB' },
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * WIDTH}" height="${HEIGHT}" viewBox="0 0 ${2 * WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="11" fill="#222">`,
    `<title>Load time, run time for ${durationSec} simulated s and peak memory against the number of services</title>`,
    '<rect width="100%" height="100%" fill="#fff"/>',
    time,
    memory,
    '</svg>',
    '',
  ].join('\n');
}
