/**
 * View ▸ Show/Hide for the side panels and the charts. The charts panel has its own collapse button,
 * so the command presses it; the palette and inspector are hidden through their element's style
 * (allowed by the CSP, unlike a style attribute) with the workspace grid's columns adjusted to match.
 * Session state only: never saved with the document.
 */

export type Panel = 'palette' | 'inspector' | 'charts';

const SELECTORS = { palette: '.workspace > .palette', inspector: '.workspace > .inspector' } as const;
/** Each side panel's width when it was hidden, to give its column back. */
const widths = new WeakMap<HTMLElement, number>();

export function togglePanel(panel: Panel, root: ParentNode = document): void {
  if (panel === 'charts') {
    root.querySelector<HTMLButtonElement>('.charts-toggle')?.click();
    return;
  }
  const el = root.querySelector<HTMLElement>(SELECTORS[panel]);
  const workspace = el?.parentElement;
  if (!el || !workspace) return;
  if (el.style.display === 'none') el.style.display = '';
  else {
    widths.set(el, el.getBoundingClientRect().width);
    el.style.display = 'none';
  }
  const column = (side: 'palette' | 'inspector') => {
    const aside = root.querySelector<HTMLElement>(SELECTORS[side]);
    if (!aside || aside.style.display === 'none') return null;
    return `${Math.round(widths.get(aside) ?? aside.getBoundingClientRect().width)}px`;
  };
  const palette = column('palette');
  const inspector = column('inspector');
  // Both shown: back to the stylesheet's own columns.
  workspace.style.gridTemplateColumns =
    palette && inspector ? '' : [palette, 'minmax(0, 1fr)', inspector].filter(Boolean).join(' ');
}
