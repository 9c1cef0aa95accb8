import { expect, it } from 'vitest';
import { translate, zhCN } from './messages.ts';

it('picks the word for a count by its plural category, in English; Chinese has one form', () => {
  expect(translate('en', 'sweep.done', { points: 1, seeds: 1 })).toBe('1 point × 1 seed.');
  expect(translate('en', 'sweep.done', { points: 3, seeds: 2 })).toBe('3 points × 2 seeds.');
  expect(translate('en', 'limit.answer.runs', { seeds: 4, runs: 1 })).toBe('4 seeds, 1 run.');
  expect(translate('zh-CN', 'sweep.done', { points: 1, seeds: 2 })).toBe('1 个点 × 2 个种子。');
});

it('leaves a placeholder it has no value for as written, with the plural form', () => {
  expect(translate('en', 'sweep.done', {})).toBe('{points} points × {seeds} seeds.');
  expect(translate('zh-CN', 'sweep.done')).toBe(zhCN['sweep.done']);
});
