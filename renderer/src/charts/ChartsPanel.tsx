/** The charts under the canvas. */
export function ChartsPanel() {
  return <section className="charts" aria-label="Charts" />;
}
