import { describe, expect, it } from 'vitest';
import { createRecentFiles, MAX_RECENT, parseRecent, type RecentEffects, withRecent } from './recentFiles.ts';

function memory(initial: string | null = null, existing?: Set<string>) {
  const state = { text: initial, stores: 0 };
  const effects: RecentEffects = {
    load: async () => state.text,
    store: async (text) => {
      state.text = text;
      state.stores++;
    },
    exists: async (file) => existing?.has(file) ?? true,
  };
  return { state, effects };
}

describe('recent files', () => {
  it('puts the newest first and moves a reopened file to the front without duplicating it', async () => {
    const { effects } = memory();
    const recent = createRecentFiles(effects, 'linux');
    await recent.add('/a/one.archsim.json');
    await recent.add('/a/two.archsim.json');
    expect(await recent.add('/a/one.archsim.json')).toEqual(['/a/one.archsim.json', '/a/two.archsim.json']);
  });

  it(`keeps at most ${MAX_RECENT}`, async () => {
    const { effects } = memory();
    const recent = createRecentFiles(effects, 'linux');
    for (let i = 0; i < 15; i++) await recent.add(`/docs/f${i}.archsim.json`);
    const list = await recent.list();
    expect(list).toHaveLength(MAX_RECENT);
    expect(list[0]).toBe('/docs/f14.archsim.json');
    expect(list.at(-1)).toBe('/docs/f5.archsim.json');
  });

  it('persists between sessions', async () => {
    const { state, effects } = memory();
    await createRecentFiles(effects, 'linux').add('/x/a.archsim.json');
    expect(await createRecentFiles(memory(state.text).effects, 'linux').list()).toEqual([
      '/x/a.archsim.json',
    ]);
  });

  it('prunes files that no longer exist, and stores the pruned list', async () => {
    const text = JSON.stringify({ files: ['/gone.archsim.json', '/here.archsim.json'] });
    const { state, effects } = memory(text, new Set(['/here.archsim.json']));
    expect(await createRecentFiles(effects, 'linux').list()).toEqual(['/here.archsim.json']);
    expect(parseRecent(state.text)).toEqual(['/here.archsim.json']);
  });

  it('dedupes case-insensitively on Windows and macOS only', () => {
    expect(withRecent(['/A/x.json'], '/a/X.json', 10, 'darwin')).toEqual(['/a/X.json']);
    expect(withRecent(['/A/x.json'], '/a/X.json', 10, 'linux')).toEqual(['/a/X.json', '/A/x.json']);
  });

  it('removes and clears', async () => {
    const { effects } = memory();
    const recent = createRecentFiles(effects, 'linux');
    await recent.add('/a.json');
    await recent.add('/b.json');
    expect(await recent.remove('/a.json')).toEqual(['/b.json']);
    await recent.clear();
    expect(await recent.list()).toEqual([]);
  });

  it.each([
    ['no file yet', null],
    ['garbage', '{{'],
    ['no list', '{"files":3}'],
  ])('reads %s as an empty list', (_, text) => {
    expect(parseRecent(text)).toEqual([]);
  });

  it('drops relative paths, non-strings and duplicates from a stored list', () => {
    const text = JSON.stringify({ files: ['rel/a.json', 7, '/b.json', '/b.json', '/c\0.json'] });
    expect(parseRecent(text, 10, 'linux')).toEqual(['/b.json']);
  });
});
