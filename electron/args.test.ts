import { describe, expect, it } from 'vitest';
import { documentArgs, isDocumentPath } from './args.ts';

describe('documentArgs', () => {
  it('takes the documents from a packaged app launch', () => {
    expect(documentArgs(['/opt/ArchSim/archsim', '/home/u/shop.archsim.json'], '/')).toEqual([
      '/home/u/shop.archsim.json',
    ]);
  });

  it('skips the executable and app folder of a development launch, and flags', () => {
    const argv = [
      '/x/electron',
      '.',
      '--inspect=0',
      '--no-sandbox',
      'a.archsim.json',
      '--remote-debugging-port=9',
    ];
    expect(documentArgs(argv, '/work')).toEqual(['/work/a.archsim.json']);
  });

  it('resolves relative paths against the launching working directory', () => {
    expect(documentArgs(['app', '../docs/b.ARCHSIM.JSON', './c.archsim.json'], '/home/u/work')).toEqual([
      '/home/u/docs/b.ARCHSIM.JSON',
      '/home/u/work/c.archsim.json',
    ]);
  });

  it('ignores files that are not ArchSim documents and other URL schemes', () => {
    const argv = ['app', 'notes.txt', 'data.json', 'archsim.json', 'https://x.test/a.archsim.json', 'x:y'];
    expect(documentArgs(argv, '/w')).toEqual([]);
  });

  it('accepts file:// URLs, drops duplicates, and reads everything after -- as a file', () => {
    const argv = [
      'app',
      'file:///tmp/a%20b.archsim.json',
      '/tmp/a b.archsim.json',
      '--',
      '-odd.archsim.json',
    ];
    expect(documentArgs(argv, '/w')).toEqual(['/tmp/a b.archsim.json', '/w/-odd.archsim.json']);
  });

  it('ignores empty and NUL-containing arguments', () => {
    expect(documentArgs(['', 'a\0.archsim.json'], '/w')).toEqual([]);
  });

  it('recognises the suffix case-insensitively', () => {
    expect(isDocumentPath('/a/Shop.ArchSim.Json')).toBe(true);
    expect(isDocumentPath('/a/shop.json')).toBe(false);
  });
});
