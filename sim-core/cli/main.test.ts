import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HELP } from './args.ts';
import { EXIT_OK, EXIT_USAGE } from './main.ts';
import { cli } from './testCli.ts';

/** A small valid topology (client → service) in the file format, written as a user would. */
const MM1 = {
  format: 'archsim.topology',
  version: 1,
  nodes: [
    { id: 'web', kind: 'client', params: { rateRps: 50 } },
    { id: 'api', kind: 'service', params: { serviceTimeMs: { dist: 'exponential', mean: 10 } } },
  ],
  edges: [{ id: 'web->api', source: 'web', target: 'api' }],
  scenario: { durationSec: 20, warmupSec: 2, seed: 1 },
};

describe('archsim --help and --version', () => {
  it('prints the help on stdout', async () => {
    for (const argv of [['--help'], ['-h'], ['help'], ['run', 'x.json', '--help']]) {
      expect(await cli(...argv)).toEqual({ code: EXIT_OK, stdout: HELP, stderr: '' });
    }
    expect(HELP).toContain(
      'archsim run FILE [--duration S] [--seed N] [--sampling auto|off|F] [--json] [--out DIR]',
    );
  });

  it("prints package.json's version", async () => {
    const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(await cli('--version')).toEqual({ code: EXIT_OK, stdout: `${version}\n`, stderr: '' });
  });
});

describe('argument and input errors', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'archsim-cli-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    [[]],
    [['run']],
    [['run', 'a.json', '--bogus']],
    [['run', 'a.json', '--seed', 'abc']],
    [['run', 'a.json', '--duration', '-5']],
    [['run', 'a.json', '--sampling', '3']],
    [['validate', 'a.json', '--out', 'x']],
  ])('%j: one line on stderr, nothing on stdout, exit 2', async (argv) => {
    const { code, stdout, stderr } = await cli(...argv);
    expect(code).toBe(EXIT_USAGE);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^archsim: [^\n]+\n$/);
  });

  it('refuses a file that does not exist or is a folder', async () => {
    const missing = join(dir, 'missing.archsim.json');
    expect(await cli('run', missing)).toEqual({
      code: EXIT_USAGE,
      stdout: '',
      stderr: `archsim: cannot read ${missing}: no such file\n`,
    });
    expect(await cli('validate', dir)).toEqual({
      code: EXIT_USAGE,
      stdout: '',
      stderr: `archsim: cannot read ${dir}: it is a directory\n`,
    });
  });

  it('refuses an --out that is a file before reading the topology or running', async () => {
    const file = join(dir, 'taken');
    await writeFile(file, 'keep me');
    const { code, stdout, stderr } = await cli('run', join(dir, 'missing.json'), '--out', file);
    expect(code).toBe(EXIT_USAGE);
    expect(stdout).toBe('');
    expect(stderr).toBe(`archsim: --out: ${file} exists and is not a directory\n`);
    expect(await readFile(file, 'utf8')).toBe('keep me');
  });
});

describe('archsim validate and topology errors', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'archsim-cli-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function topologyFile(name: string, text: string): Promise<string> {
    const file = join(dir, name);
    await writeFile(file, text);
    return file;
  }

  it('prints OK for a valid file, with or without a BOM', async () => {
    const file = await topologyFile('ok.archsim.json', JSON.stringify(MM1, null, 2));
    expect(await cli('validate', file)).toEqual({ code: EXIT_OK, stdout: `OK ${file}\n`, stderr: '' });
    const withBom = await topologyFile('bom.archsim.json', `\uFEFF${JSON.stringify(MM1)}`);
    expect((await cli('validate', withBom)).code).toBe(EXIT_OK);
  });

  it('refuses bad JSON with its line and column', async () => {
    const file = await topologyFile('bad.json', '{"format": "archsim.topology",\n "version": 1 "nodes": []}');
    for (const command of ['validate', 'run']) {
      const { code, stdout, stderr } = await cli(command, file);
      expect(code).toBe(EXIT_USAGE);
      expect(stdout).toBe('');
      expect(stderr.split('\n').slice(0, 2)).toEqual([
        `archsim: ${file} is not a valid topology (1 problem):`,
        expect.stringMatching(/^ {2}is not valid JSON \(line 2, column 15\)/),
      ]);
    }
  });

  it('lists every issue as path: message, and writes nothing', async () => {
    const invalid = structuredClone(MM1);
    Object.assign(invalid.nodes[0].params, { rateRps: -1, rate: 3 });
    const file = await topologyFile('invalid.json', JSON.stringify(invalid));
    const out = join(dir, 'out');
    const { code, stdout, stderr } = await cli('run', file, '--out', out);
    expect({ code, stdout }).toEqual({ code: EXIT_USAGE, stdout: '' });
    const lines = stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`archsim: ${file} is not a valid topology (2 problems):`);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^ {2}nodes\[0\]\.params\.rateRps: /),
      expect.stringMatching(/^ {2}nodes\[0\]\.params\.rate: unknown parameter/),
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it('cuts a long list of issues', async () => {
    const invalid = structuredClone(MM1);
    invalid.nodes = Array.from({ length: 30 }, (_, i) => ({
      id: `c${i}`,
      kind: 'client',
      params: { rateRps: -1 },
    }));
    invalid.edges = [];
    const { stderr } = await cli('validate', await topologyFile('many.json', JSON.stringify(invalid)));
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 20 + 1);
    expect(lines.at(-1)).toMatch(/^ {2}\.\.\. and \d+ more$/);
  });

  it('refuses a --duration not longer than the warm-up, before running', async () => {
    const file = await topologyFile('ok.json', JSON.stringify(MM1));
    expect(await cli('run', file, '--duration', '2')).toEqual({
      code: EXIT_USAGE,
      stdout: '',
      stderr: "archsim: --duration 2 must be longer than the scenario's warm-up (2 s)\n",
    });
  });
});
