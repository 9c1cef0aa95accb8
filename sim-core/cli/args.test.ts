import { describe, expect, it } from 'vitest';
import { parseCommand, UsageError } from './args.ts';

function usageErrorOf(argv: string[]): string {
  try {
    parseCommand(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error(`expected a UsageError for ${argv.join(' ')}`);
}

describe('parseCommand', () => {
  it('parses a run with every option', () => {
    const argv = [
      'run',
      'a.json',
      '--duration',
      '20',
      '--seed',
      '7',
      '--sampling',
      '0.5',
      '--json',
      '--out',
      'out',
    ];
    expect(parseCommand(argv)).toEqual({
      name: 'run',
      file: 'a.json',
      durationSec: 20,
      seed: 7,
      sampling: 0.5,
      outDir: 'out',
      json: true,
    });
  });

  it('leaves options that were not given undefined, so the scenario decides', () => {
    expect(parseCommand(['run', 'a.json'])).toEqual({
      name: 'run',
      file: 'a.json',
      durationSec: undefined,
      seed: undefined,
      sampling: undefined,
      outDir: undefined,
      json: false,
    });
  });

  it.each([
    [['run', 'a.json', '--duration=1e3'], { durationSec: 1000 }],
    [['run', 'a.json', '--duration', '.5'], { durationSec: 0.5 }],
    [['run', '--seed', '0', 'a.json'], { seed: 0 }],
    [['run', 'a.json', '--seed', '4294967295'], { seed: 4294967295 }],
    [['run', 'a.json', '--sampling', 'auto'], { sampling: 'auto' }],
    [['run', 'a.json', '--sampling=off'], { sampling: 'off' }],
    [['run', 'a.json', '--sampling', '1'], { sampling: 1 }],
  ])('%j', (argv, expected) => {
    expect(parseCommand(argv)).toMatchObject(expected);
  });

  it.each([
    ['4G', 4 * 2 ** 30],
    ['512M', 512 * 2 ** 20],
    ['1.5GiB', 1.5 * 2 ** 30],
    ['64kb', 64 * 1024],
    ['2e9', 2e9],
    ['1t', 2 ** 40],
  ])('reads --max-memory %s as %d bytes, for run and validate', (size, bytes) => {
    expect(parseCommand(['run', 'a.json', '--max-memory', size])).toMatchObject({
      budgets: { maxMemoryBytes: bytes },
    });
    expect(parseCommand(['validate', 'a.json', `--max-memory=${size}`])).toMatchObject({
      budgets: { maxMemoryBytes: bytes },
    });
  });

  it('reads --max-events', () => {
    expect(parseCommand(['run', 'a.json', '--max-events', '1e9'])).toMatchObject({
      budgets: { maxEvents: 1e9 },
    });
    expect(parseCommand(['validate', 'a.json', '--max-events', '500'])).toEqual({
      name: 'validate',
      file: 'a.json',
      budgets: { maxEvents: 500 },
    });
  });

  it('parses validate, help and version', () => {
    expect(parseCommand(['validate', 'a.json'])).toEqual({ name: 'validate', file: 'a.json' });
    for (const argv of [['--help'], ['-h'], ['help'], ['run', 'a.json', '--help'], ['--help', '--version']]) {
      expect(parseCommand(argv)).toEqual({ name: 'help' });
    }
    expect(parseCommand(['--version'])).toEqual({ name: 'version' });
  });

  it.each([
    [[], 'missing command: expected run or validate'],
    [
      ['frobnicate'],
      "unknown command 'frobnicate': expected run, validate, sweep, capacity, sensitivity, estimate, merge",
    ],
    [['run'], 'run needs a topology FILE'],
    [['validate'], 'validate needs a topology FILE'],
    [['run', 'a.json', 'b.json'], "unexpected argument 'b.json' after a.json"],
    [['run', 'a.json', '--bogus'], "unknown option '--bogus'"],
    [['run', 'a.json', '--durtion', '5'], "unknown option '--durtion' (did you mean --duration?)"],
    [['run', 'a.json', '-x'], "unknown option '-x'"],
    [['run', 'a.json', '--seed'], '--seed needs a value'],
    [['run', 'a.json', '--seed', '--json'], '--seed needs a value'],
    [['run', 'a.json', '--json=yes'], '--json does not take a value'],
    [['run', 'a.json', '--seed', 'abc'], "--seed must be an integer from 0 to 4294967295, got 'abc'"],
    [['run', 'a.json', '--seed', '-1'], "--seed must be an integer from 0 to 4294967295, got '-1'"],
    [['run', 'a.json', '--seed', '1.5'], "--seed must be an integer from 0 to 4294967295, got '1.5'"],
    [
      ['run', 'a.json', '--seed', '4294967296'],
      "--seed must be an integer from 0 to 4294967295, got '4294967296'",
    ],
    [['run', 'a.json', '--duration', '-5'], "--duration must be a positive number of seconds, got '-5'"],
    [['run', 'a.json', '--duration', '0'], "--duration must be a positive number of seconds, got '0'"],
    [['run', 'a.json', '--duration', 'abc'], "--duration must be a positive number of seconds, got 'abc'"],
    [
      ['run', 'a.json', '--duration', 'Infinity'],
      "--duration must be a positive number of seconds, got 'Infinity'",
    ],
    [['run', 'a.json', '--duration', '0x10'], "--duration must be a positive number of seconds, got '0x10'"],
    [
      ['run', 'a.json', '--duration', '1e999'],
      "--duration must be a positive number of seconds, got '1e999'",
    ],
    [['run', 'a.json', '--duration='], "--duration must be a positive number of seconds, got ''"],
    [['run', 'a.json', '--sampling', '2'], "--sampling must be auto, off or a factor in (0, 1], got '2'"],
    [['run', 'a.json', '--sampling', '0'], "--sampling must be auto, off or a factor in (0, 1], got '0'"],
    [
      ['run', 'a.json', '--sampling', '-0.5'],
      "--sampling must be auto, off or a factor in (0, 1], got '-0.5'",
    ],
    [
      ['run', 'a.json', '--sampling', 'half'],
      "--sampling must be auto, off or a factor in (0, 1], got 'half'",
    ],
    [['run', 'a.json', '--out', ''], '--out needs a directory'],
    [['validate', 'a.json', '--seed', '3'], '--seed only applies to run, not validate'],
    [['validate', 'a.json', '--json'], '--json only applies to run, not validate'],
    [
      ['run', 'a.json', '--max-memory', '-1'],
      "--max-memory must be a size in bytes or with a unit (512M, 4G), got '-1'",
    ],
    [
      ['run', 'a.json', '--max-memory', '4X'],
      "--max-memory must be a size in bytes or with a unit (512M, 4G), got '4X'",
    ],
    [
      ['run', 'a.json', '--max-memory', '0'],
      "--max-memory must be a size in bytes or with a unit (512M, 4G), got '0'",
    ],
    [
      ['validate', 'a.json', '--max-events', 'lots'],
      "--max-events must be a number of events ≥ 1 (20000000, 1e9), got 'lots'",
    ],
    [
      ['run', 'a.json', '--max-events', '1e999'],
      "--max-events must be a number of events ≥ 1 (20000000, 1e9), got '1e999'",
    ],
  ])('%j is refused: %s', (argv, message) => {
    expect(usageErrorOf(argv)).toBe(message);
  });
});
