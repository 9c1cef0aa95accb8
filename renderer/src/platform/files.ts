import { eventsCsv, summaryCsv, timeseriesCsv } from '../../../sim-core/export/csv.ts';
import { parseTopologyText } from '../../../sim-core/format/validate.ts';
import type { Doc } from '../model/document.ts';
import { useStore } from '../store/store.ts';
import type { Platform } from './Platform.ts';

/**
 * Open, save and export on top of a platform. A file that does not validate is refused with what and
 * where, and the current document stays as it was. A valid file replaces the document through
 * `confirmReplace` when given (the unsaved-changes question), else at once.
 */
export async function openDocument(
  platform: Platform,
  confirmReplace: (replace: () => void) => void = (replace) => replace(),
): Promise<void> {
  const file = await platform.openDocument();
  if (!file) return;
  const result = parseTopologyText(file.text);
  const s = useStore.getState();
  if (!result.ok) {
    s.notify('error', { issues: result.issues, file: file.name });
    return;
  }
  const doc = JSON.parse(file.text.replace(/^\uFEFF/, '')) as Doc;
  confirmReplace(() => useStore.getState().load(doc, file.name));
}

export function documentText(doc: Doc): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export async function saveDocument(platform: Platform, saveAs: boolean): Promise<void> {
  const s = useStore.getState();
  const doc = s.doc;
  const name = s.fileName ?? `${typeof doc.name === 'string' ? doc.name : 'topology'}.archsim.json`;
  const saved = await platform.saveDocument(name, documentText(doc), saveAs || s.fileName === null);
  // Edits made while the save dialog was open were not written: they stay unsaved.
  if (saved) useStore.getState().markSaved(saved, doc);
}

export async function exportCsv(platform: Platform): Promise<void> {
  const s = useStore.getState();
  if (!s.summary) return;
  const kinds = s.summary.nodes;
  await platform.exportFiles([
    { name: 'summary.csv', text: summaryCsv(s.summary), type: 'text/csv' },
    { name: 'timeseries.csv', text: timeseriesCsv(s.windows, kinds), type: 'text/csv' },
    { name: 'events.csv', text: eventsCsv(s.summary.eventsApplied, s.locale), type: 'text/csv' },
  ]);
}
