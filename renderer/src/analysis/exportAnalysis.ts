import { downloadBlob, serializeCharts, svgToPng } from '../charts/exportImage.ts';
import { translate } from '../i18n/messages.ts';
import { useStore } from '../store/store.ts';

/** Saves CSV text (already UTF-8 with BOM from sim-core's tables) as a download. */
export function exportCsvText(text: string, name: string): void {
  downloadBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), name);
}

/** Saves the charts inside `container` as one PNG, the way the charts panel exports its own. */
export async function exportChartPng(container: HTMLElement | null, name: string): Promise<void> {
  const svgs = Array.from(container?.querySelectorAll<SVGSVGElement>('svg.chart-svg') ?? []);
  if (svgs.length === 0) return;
  try {
    const { text, width, height } = serializeCharts(svgs);
    downloadBlob(await svgToPng(text, width, height), name);
  } catch (error) {
    const s = useStore.getState();
    s.notify('error', {
      text: `${translate(s.locale, 'exportChart')}: ${error instanceof Error ? error.message : error}`,
    });
  }
}
