import { emptyDoc } from '../model/document.ts';
import { exportCsv, openDocument, saveDocument } from '../platform/files.ts';
import type { Store } from '../store/store.ts';
import type { Command } from './Command.ts';
import { exportCanvas } from './canvasImage.ts';
import { providedCommand } from './handlers.ts';

/** New, open, presets, save and the exports: the File menu. */

const hasCanvas = (s: Store) => s.doc.nodes.length > 0 || (s.doc.regions ?? []).length > 0;

export const FILE_COMMANDS = {
  'file.new': {
    label: 'cmd.file.new',
    shortcuts: ['Mod+N'],
    whileTyping: true,
    perform: (_s, ctx) => void ctx.confirmReplace(() => ctx.store.getState().load(emptyDoc(), null)),
  },
  'file.open': {
    label: 'cmd.file.open',
    shortcuts: ['Mod+O'],
    whileTyping: true,
    perform: (_s, ctx) => openDocument(ctx.platform, ctx.confirmReplace),
  },
  'file.presets': {
    label: 'cmd.file.presets',
    hint: 'cmd.file.presets.hint',
    perform: (s) => void s.setGalleryOpen(true),
  },
  'file.save': {
    label: 'cmd.file.save',
    shortcuts: ['Mod+S'],
    whileTyping: true,
    perform: (_s, ctx) => saveDocument(ctx.platform, false),
  },
  'file.saveAs': {
    label: 'cmd.file.saveAs',
    shortcuts: ['Mod+Shift+S'],
    whileTyping: true,
    perform: (_s, ctx) => saveDocument(ctx.platform, true),
  },
  'file.exportCsv': {
    label: 'cmd.file.exportCsv',
    hint: 'cmd.file.exportCsv.hint',
    shortcuts: ['Mod+E'],
    whileTyping: true,
    enabled: (s) => s.summary !== null,
    perform: (_s, ctx) => exportCsv(ctx.platform),
  },
  'file.exportCanvasPng': {
    label: 'cmd.file.exportCanvasPng',
    hint: 'cmd.file.exportCanvasPng.hint',
    enabled: hasCanvas,
    perform: (s) => exportCanvas('png', s),
  },
  'file.exportCanvasSvg': {
    label: 'cmd.file.exportCanvasSvg',
    hint: 'cmd.file.exportCanvasSvg.hint',
    enabled: hasCanvas,
    perform: (s) => exportCanvas('svg', s),
  },
  'file.exportChartImage': {
    label: 'cmd.file.exportChartImage',
    hint: 'cmd.file.exportChartImage.hint',
    shortcuts: ['Mod+Shift+E'],
    whileTyping: true,
    enabled: (s) => s.windows.length > 0 || s.pinned !== null,
    perform: async (s) => {
      // The charts panel performs it while it shows charts; collapsed, it has none to export.
      const handler = providedCommand('file.exportChartImage');
      if (handler) await handler();
      else s.notify('info', { key: 'cmd.file.exportChartImage.hidden' });
    },
  },
} satisfies Record<string, Command>;
