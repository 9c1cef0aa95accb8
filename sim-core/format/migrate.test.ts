import { describe, expect, it } from 'vitest';
import { issueText } from '../messages/issueText.ts';
import { MIGRATIONS, type Migration, migrate } from './migrate.ts';
import { FORMAT_VERSION } from './schema.ts';

/** A fake history: v1 called it `title`, v2 renamed it `name`, v3 put nodes under `graph`. */
const fakeSteps: Migration[] = [
  {
    from: 1,
    summary: 'title → name',
    up: ({ title, ...rest }) => ({ ...rest, name: title }),
  },
  {
    from: 2,
    summary: 'nodes → graph.nodes',
    up: ({ nodes, ...rest }) => ({ ...rest, graph: { nodes } }),
  },
];

describe('the migration registry', () => {
  it('is an unbroken chain of steps ending at the current version', () => {
    const froms = MIGRATIONS.map((m) => m.from);
    const chain = froms.map((_, i) => FORMAT_VERSION - froms.length + i);
    expect(froms).toEqual(chain);
  });

  it('leaves a current document as it is', () => {
    const doc = { format: 'archsim.topology', version: FORMAT_VERSION };
    expect(migrate(doc, FORMAT_VERSION)).toEqual({ ok: true, doc });
  });
});

describe('migrate', () => {
  it('runs every step from the file version up, stamping each new version', () => {
    const v1 = Object.freeze({ version: 1, title: 'Shop', nodes: Object.freeze([1, 2]) });
    expect(migrate(v1, 1, fakeSteps, 3)).toEqual({
      ok: true,
      doc: { version: 3, name: 'Shop', graph: { nodes: [1, 2] } },
    });
    expect(migrate({ version: 2, name: 'Shop', nodes: [] }, 2, fakeSteps, 3)).toEqual({
      ok: true,
      doc: { version: 3, name: 'Shop', graph: { nodes: [] } },
    });
  });

  it('does not mutate the input', () => {
    const v1 = { version: 1, title: 'Shop', nodes: [] };
    const copy = structuredClone(v1);
    migrate(v1, 1, fakeSteps, 3);
    expect(v1).toEqual(copy);
  });

  it('refuses a version older than the oldest step, saying which versions it reads', () => {
    const result = migrate({ version: 0 }, 0, fakeSteps, 3);
    expect(result).toEqual({
      ok: false,
      issues: [{ path: 'version', code: 'version.tooOld', params: { version: 0, oldest: 1, max: 3 } }],
    });
  });

  it('turns a throwing step or a step returning nonsense into an issue', () => {
    const throwing: Migration[] = [
      {
        from: 1,
        summary: 'broken',
        up: () => {
          throw new Error('nodes is not a list');
        },
      },
    ];
    const thrown = migrate({ version: 1 }, 1, throwing, 2);
    expect(thrown.ok).toBe(false);
    if (!thrown.ok)
      expect(issueText('en', thrown.issues[0])).toBe(
        'could not upgrade the file from format version 1 to 2: nodes is not a list',
      );

    const empty: Migration[] = [{ from: 1, summary: 'empty', up: () => null as never }];
    const returned = migrate({ version: 1 }, 1, empty, 2);
    expect(returned.ok).toBe(false);
    if (!returned.ok) expect(returned.issues[0].code).toBe('version.upgradeEmpty');
  });
});
