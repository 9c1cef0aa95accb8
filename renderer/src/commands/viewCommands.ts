import { fitOptions, fitSoon } from '../canvas/viewport.ts';
import type { Locale } from '../i18n/messages.ts';
import type { Command } from './Command.ts';

/** Zoom and fit, the panels, the canvas's overlays (minimap, tail path) and lock, the language: the View menu. */

const language = (locale: Locale, label: Command['label']): Command => ({
  label,
  radio: true,
  checked: (s) => s.locale === locale,
  perform: (s) => void s.setLocale(locale),
});

export const VIEW_COMMANDS = {
  'view.zoomIn': {
    label: 'cmd.view.zoomIn',
    shortcuts: ['Mod+=', 'Mod+Plus'],
    repeats: true,
    perform: (_s, ctx) => void ctx.view?.zoomIn(),
  },
  'view.zoomOut': {
    label: 'cmd.view.zoomOut',
    shortcuts: ['Mod+-'],
    repeats: true,
    perform: (_s, ctx) => void ctx.view?.zoomOut(),
  },
  'view.zoomReset': {
    label: 'cmd.view.zoomReset',
    shortcuts: ['Mod+0'],
    perform: (_s, ctx) => void ctx.view?.zoomTo(1),
  },
  'view.fit': {
    label: 'cmd.view.fit',
    hint: 'cmd.view.fit.hint',
    shortcuts: ['Shift+1'],
    // The canvas's own framing, clear of the legend, the controls and the minimap.
    perform: (s, ctx) => void ctx.view?.fitView(fitOptions(s.minimapShown)),
  },
  'view.togglePalette': {
    label: 'cmd.view.togglePalette',
    shortcuts: ['Mod+Shift+1'],
    perform: (_s, ctx) => void ctx.togglePanel('palette'),
  },
  'view.toggleInspector': {
    label: 'cmd.view.toggleInspector',
    shortcuts: ['Mod+Shift+2'],
    perform: (_s, ctx) => void ctx.togglePanel('inspector'),
  },
  'view.toggleCharts': {
    label: 'cmd.view.toggleCharts',
    shortcuts: ['Mod+Shift+3'],
    perform: (_s, ctx) => void ctx.togglePanel('charts'),
  },
  'view.toggleMinimap': {
    label: 'cmd.view.toggleMinimap',
    hint: 'cmd.view.toggleMinimap.hint',
    checked: (s) => s.minimapShown,
    perform: (s, ctx) => {
      s.toggleMinimap();
      // Fit again: the minimap takes room in the bottom-right corner, or gives it back.
      if (ctx.view) fitSoon(ctx.view);
      return undefined;
    },
  },
  'view.toggleTail': {
    label: 'cmd.view.toggleTail',
    hint: 'cmd.view.toggleTail.hint',
    enabled: (s) => s.summary !== null,
    checked: (s) => s.showTail,
    perform: (s) => void s.toggleTail(),
  },
  'view.lockCanvas': {
    label: 'cmd.view.lockCanvas',
    hint: 'cmd.view.lockCanvas.hint',
    checked: (s) => s.canvasLocked,
    perform: (s) => void s.setCanvasLocked(!s.canvasLocked),
  },
  'view.language.en': language('en', 'cmd.view.language.en'),
  'view.language.zh-CN': language('zh-CN', 'cmd.view.language.zh-CN'),
} satisfies Record<string, Command>;
