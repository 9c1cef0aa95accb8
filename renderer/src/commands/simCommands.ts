import { SPEEDS, type Speed } from '../store/runSlice.ts';
import type { Command } from './Command.ts';

/**
 * Run, pause, step and reset (the runner's own functions), the speed, pinning a run to compare, and the
 * run budgets setting.
 */

const speed = (value: Speed, shortcut: string): Command => ({
  label: value === 0 ? 'cmd.sim.speed.max' : 'cmd.sim.speed.times',
  labelVars: { factor: value },
  shortcuts: [shortcut],
  radio: true,
  whileTyping: true,
  checked: (s) => s.speed === value,
  perform: (s) => void s.setSpeed(value),
});

export const SIM_COMMANDS = {
  'sim.runPause': {
    label: 'cmd.sim.runPause',
    shortcuts: ['F5'],
    whileTyping: true,
    perform: (s, ctx) => (s.status === 'running' ? void ctx.runner.pause() : ctx.runner.run()),
  },
  'sim.step': {
    label: 'cmd.sim.step',
    hint: 'cmd.sim.step.hint',
    shortcuts: ['F10'],
    whileTyping: true,
    repeats: true,
    enabled: (s) => s.status !== 'running',
    perform: (_s, ctx) => ctx.runner.step(),
  },
  'sim.reset': {
    label: 'cmd.sim.reset',
    hint: 'cmd.sim.reset.hint',
    shortcuts: ['Shift+F5'],
    whileTyping: true,
    perform: (_s, ctx) => void ctx.runner.reset(),
  },
  'sim.speed.1': speed(SPEEDS[0], 'Mod+1'),
  'sim.speed.10': speed(SPEEDS[1], 'Mod+2'),
  'sim.speed.100': speed(SPEEDS[2], 'Mod+3'),
  'sim.speed.max': speed(SPEEDS[3], 'Mod+4'),
  'sim.pin': {
    label: 'cmd.sim.pin',
    hint: 'cmd.sim.pin.hint',
    enabled: (s) => s.summary !== null || s.pinned !== null,
    checked: (s) => s.pinned !== null,
    perform: (s) => void (s.pinned ? s.unpin() : s.pin(new Date().toLocaleTimeString())),
  },
  'sim.budgets': {
    label: 'cmd.sim.budgets',
    hint: 'cmd.sim.budgets.hint',
    perform: (s) => void s.setBudgetsOpen(true),
  },
} satisfies Record<string, Command>;
