/**
 * Lays every preset out with the editor's own auto layout (ELK, at the canvas's node size) and writes
 * the node positions and region boxes back into presets/*.archsim.json; nothing else in a file changes.
 * Run after adding a preset or changing one's nodes, edges or regions: `npm run layout:presets`.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ELK from 'elkjs/lib/elk.bundled.js';
import { autoLayout } from '../renderer/src/model/autoLayout.ts';
import type { Doc } from '../renderer/src/model/document.ts';

const dir = path.join(import.meta.dirname, '..', 'presets');
const elk = new ELK();
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.archsim.json'))
  .sort()) {
  const full = path.join(dir, file);
  const doc = JSON.parse(readFileSync(full, 'utf8')) as Doc;
  const laid = await autoLayout(doc, elk);
  const positions = new Map(laid.nodes.map((n) => [n.id, n.position]));
  const boxes = new Map((laid.regions ?? []).map((r) => [r.id, { position: r.position, size: r.size }]));
  // Only the geometry is replaced, in place, so the files' key order stays as it was.
  for (const n of doc.nodes) n.position = positions.get(n.id);
  for (const r of doc.regions ?? []) Object.assign(r, boxes.get(r.id));
  writeFileSync(full, `${JSON.stringify(doc, null, 2)}\n`);
  console.log(file);
}
