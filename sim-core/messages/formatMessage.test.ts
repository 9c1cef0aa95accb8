import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { formatMessage, message } from './formatMessage.ts';
import { zhCN } from './zhCN.ts';

const placeholders = (template: string) =>
  [...new Set([...template.matchAll(/\{(\w+)[|:}]/g)].map((m) => m[1]))].sort((a, b) => a.localeCompare(b));

describe('formatMessage', () => {
  it('fills parameters and picks the plural word in English', () => {
    expect(formatMessage('en', message('event.killed', { killed: 1, of: 1 }))).toBe('killed 1 of 1 instance');
    expect(formatMessage('en', message('event.killed', { killed: 2, of: 3 }))).toBe(
      'killed 2 of 3 instances',
    );
    expect(formatMessage('en', message('event.cacheFlushed', { entries: 1 }))).toBe('flushed 1 entry');
  });

  it('words the same message in Chinese', () => {
    expect(formatMessage('zh-CN', message('event.killed', { killed: 2, of: 3 }))).toBe(
      '已停止 3 个实例中的 2 个',
    );
  });

  it('writes numbers without binary noise', () => {
    expect(formatMessage('en', message('event.errorsAdded', { percent: 0.07 * 100 }))).toBe('+7 % errors');
  });

  it("words the engine's refusals with the parameters World.explain gives them, in both languages", () => {
    const loop = { code: 'watchdog.zeroTimeLoop', params: { atSec: 12.5, nodes: ['gateway', 'auth'] } };
    expect(formatMessage('en', loop)).toBe(
      'The run stopped at 12.5 s: simulated time stopped advancing, as requests go round a loop of steps that take no time (at gateway, auth). Give a step on that loop a service time or a delay.',
    );
    expect(formatMessage('zh-CN', loop)).toMatch(/^运行在 12\.5 秒处停止：.*（位于 gateway, auth）/);
    const work = { code: 'watchdog.unboundedWork', params: { atSec: 3, inFlight: 1e6, nodes: ['db'] } };
    expect(formatMessage('en', work)).toMatch(/\(1,000,000 requests in flight, most waiting at db\)/);
    expect(formatMessage('zh-CN', work)).toMatch(/1,000,000 个请求在处理中，大多在 db 等待/);
    const budget = { code: 'budget.eventsExceeded', params: { maxEvents: 5e8, atSec: 40 } };
    expect(formatMessage('en', budget)).toMatch(
      /^The run stopped at 40 s: it needed more than 500,000,000 events/,
    );
    expect(formatMessage('zh-CN', budget)).toMatch(/^运行在 40 秒处停止：它需要超过 500,000,000 个事件/);
  });

  it('shows sizes in binary units and groups counted amounts, but shows typed values as typed', () => {
    const memory = {
      code: 'budget.memory',
      params: { estimate: 482336.86853798, field: 'nodes[0].params.rateRps', limit: 1.5 * 2 ** 30 },
    };
    expect(formatMessage('en', memory)).toMatch(
      /^This run would need about 471 KiB of memory, .* the limit is 1\.5 GiB\./,
    );
    expect(formatMessage('zh-CN', memory)).toMatch(/^这次运行大约需要 471 KiB 内存.*上限为 1\.5 GiB。/);
    const events = {
      code: 'budget.events',
      params: { estimate: 4800000145, field: 'nodes[0].params.rateRps', limit: 1e9 },
    };
    expect(formatMessage('en', events)).toMatch(
      /about 4,800,000,145 events, .* the limit is 1,000,000,000\./,
    );
    const typed = message('range.between', { min: 0, max: 4294967295 });
    expect(formatMessage('en', typed)).toBe('from 0 to 4294967295');
  });

  it("words the worker's problems in both languages", () => {
    const stuck = { code: 'worker.stuck', params: { call: 'advance', seconds: 10 } };
    expect(formatMessage('en', stuck)).toMatch(/^The simulation did not answer for 10 s/);
    expect(formatMessage('zh-CN', stuck)).toMatch(/^模拟 10 秒没有响应/);
    const option = { code: 'worker.option', params: { option: 'seed', got: 'abc' } };
    expect(formatMessage('en', option)).toBe(
      'The run option seed cannot be abc: change it in the run settings.',
    );
    expect(formatMessage('zh-CN', option)).toBe('运行选项 seed 不能为 abc：请在运行设置中修改。');
  });

  it('shows a code it does not know as the code and its parameters, never as nothing', () => {
    expect(formatMessage('zh-CN', { code: 'budget.fromANewerCore', params: { mb: 512 } })).toBe(
      'budget.fromANewerCore {"mb":512}',
    );
  });

  it('has every code in Chinese with the parameters of the English line', () => {
    for (const [code, template] of Object.entries(en)) {
      expect([code, placeholders(zhCN[code as keyof typeof en])]).toEqual([code, placeholders(template)]);
    }
  });
});
