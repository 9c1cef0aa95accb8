import type { RefObject } from 'react';
import { useT } from '../i18n/useT.ts';
import { exportChartPng, exportCsvText } from './exportAnalysis.ts';

/** The table behind an analysis answer, saved as CSV. */
export interface CsvExport {
  /** The button's tooltip: which table it saves. */
  title: string;
  file: string;
  /** Makes the table; null while there is none (the button is disabled). */
  text: (() => string) | null;
}

/** An analysis chart as drawn, saved as PNG. */
export interface PngExport {
  file: string;
  /** The element around the chart: its `svg.chart-svg` charts are saved as one image. */
  chart: RefObject<HTMLElement | null>;
  /** Whether the chart shows anything yet (the button is disabled until it does). */
  ready: boolean;
}

/** The CSV and PNG buttons of an analysis form. */
export function ExportButtons({ csv, png }: { csv: CsvExport; png: PngExport }) {
  const t = useT();
  return (
    <>
      <button
        type="button"
        disabled={!csv.text}
        title={csv.title}
        onClick={() => csv.text && exportCsvText(csv.text(), csv.file)}
      >
        {t('limit.exportCsv')}
      </button>
      <button
        type="button"
        disabled={!png.ready}
        title={t('limit.exportPngTitle')}
        onClick={() => void exportChartPng(png.chart.current, png.file)}
      >
        {t('limit.exportPng')}
      </button>
    </>
  );
}
