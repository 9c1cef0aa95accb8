import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_USAGE } from './main.ts';
import { cli } from './testCli.ts';

/*
 * Any string is a safe id: names that are properties of every JavaScript object, and Chinese, reach
 * every output of the real CLI; control characters are refused by the validator.
 */

const exp = (mean: number) => ({ dist: 'exponential', mean });

/** Every scope keyed by a hostile-looking id: a client, two classes, nodes and edges. */
const DOC = {
  format: 'archsim.topology',
  version: 1,
  nodes: [
    {
      id: '__proto__',
      kind: 'client',
      params: {
        rateRps: 200,
        classes: [
          { id: 'constructor', weight: 1 },
          { id: 'toString', weight: 1 },
        ],
      },
    },
    { id: 'constructor', kind: 'service', params: { serviceTimeMs: exp(2) } },
    { id: 'hasOwnProperty', kind: 'service', params: { serviceTimeMs: exp(1) } },
    { id: '用户服务', kind: 'database', params: { serviceTimeMs: exp(1) } },
  ],
  edges: [
    { id: '__proto__', source: '__proto__', target: 'constructor' },
    { id: 'valueOf', source: 'constructor', target: 'hasOwnProperty' },
    { id: '缓存', source: 'hasOwnProperty', target: '用户服务' },
  ],
  scenario: { durationSec: 5, warmupSec: 1 },
};

let dir: string;
let file: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'archsim-ids-'));
  file = join(dir, 'ids.archsim.json');
  await writeFile(file, JSON.stringify(DOC));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const csvRows = (text: string) =>
  Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;

describe('ids that are object properties', () => {
  it('appear in the text report', async () => {
    const { code, stdout } = await cli('run', file);
    expect(code).toBe(EXIT_OK);
    for (const id of ['__proto__', 'constructor', 'hasOwnProperty', '用户服务'])
      expect(stdout).toMatch(new RegExp(`^  ${id}\\s`, 'm'));
  });

  it('appear in --json with their metrics', async () => {
    const { stdout } = await cli('run', file, '--json');
    const summary = JSON.parse(stdout);
    expect(Object.keys(summary.nodes)).toEqual(['__proto__', 'constructor', 'hasOwnProperty', '用户服务']);
    expect(Object.keys(summary.edges)).toEqual(['__proto__', 'valueOf', '缓存']);
    expect(Object.keys(summary.classes)).toEqual(['constructor', 'toString']);
    expect(Object.keys(summary.clients)).toEqual(['__proto__']);
    expect(summary.nodes.constructor.arrivals).toBeGreaterThan(500);
    expect(Object.getOwnPropertyDescriptor(summary.edges, '__proto__')?.value.source).toBe('__proto__');
  });

  it('appear in summary.csv, timeseries.csv and tail.csv', async () => {
    const out = join(dir, 'out');
    expect((await cli('run', file, '--out', out)).code).toBe(EXIT_OK);
    const summary = csvRows(await readFile(join(out, 'summary.csv'), 'utf8'));
    expect(summary.map((r) => `${r.scope}:${r.id}:${r.kind}`)).toEqual([
      'endToEnd:endToEnd:endToEnd',
      'client:__proto__:client',
      'class:constructor:class',
      'class:toString:class',
      'node:__proto__:client',
      'node:constructor:service',
      'node:hasOwnProperty:service',
      'node:用户服务:database',
      'edge:__proto__:edge',
      'edge:valueOf:edge',
      'edge:缓存:edge',
    ]);
    const series = csvRows(await readFile(join(out, 'timeseries.csv'), 'utf8'));
    const windowed = new Set(series.map((r) => `${r.scope}:${r.id}:${r.kind}`));
    for (const row of summary) expect(windowed).toContain(`${row.scope}:${row.id}:${row.kind}`);
    const tail = csvRows(await readFile(join(out, 'tail.csv'), 'utf8'));
    expect(tail.map((r) => r.hop)).toContain('constructor');
  });
});

describe('ids with control characters', () => {
  it.each([
    ['an ESC', 'api\u001b[31m', 'U+001B'],
    ['a NUL', 'a\u0000b', 'U+0000'],
    ['a C1 control', 'a\u0085b', 'U+0085'],
    ['a right-to-left override', 'evil\u202ecod.exe', 'U+202E'],
    ['half a surrogate pair', 'a\ud800', 'U+D800'],
  ])('are refused with exit 2 by validate and run: %s', async (_, id, char) => {
    const doc = structuredClone(DOC);
    doc.nodes[1].id = id;
    doc.edges[0].target = id;
    doc.edges[1].source = id;
    const bad = join(dir, `bad-${char}.archsim.json`);
    await writeFile(bad, JSON.stringify(doc));
    for (const command of ['validate', 'run']) {
      const { code, stdout, stderr } = await cli(command, bad);
      expect(code).toBe(EXIT_USAGE);
      expect(stdout).toBe('');
      expect(stderr).toContain(`nodes[1].id: must not contain ${char}`);
      // The message itself never carries the character raw.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
      expect(stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    }
  });
});
