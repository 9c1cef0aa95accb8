/// <reference types="vite/client" />
import { STAGES, type Stage } from '../../../sim-core/format/preset.ts';
import { validateTopology } from '../../../sim-core/format/validate.ts';
import type { Doc } from '../model/document.ts';

/** A preset scenario from presets/: its file name and its document (which carries stage, narrative, pair). */
export interface Preset {
  file: string;
  doc: Doc;
  stage: Stage | null;
}

/**
 * The presets from their files' text, keyed by path: files that do not validate are left out (the
 * preset tests in `npm test` report them), and so is anything not named `*.archsim.json`.
 */
export function parsePresets(texts: Readonly<Record<string, string>>): Preset[] {
  const out: Preset[] = [];
  for (const [path, text] of Object.entries(texts)) {
    const file = path.slice(path.lastIndexOf('/') + 1);
    if (!file.endsWith('.archsim.json')) continue;
    let json: unknown;
    try {
      json = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch {
      continue;
    }
    if (!validateTopology(json).ok) continue;
    const doc = json as Doc;
    const stage = (STAGES as readonly string[]).includes(doc.stage ?? '') ? (doc.stage as Stage) : null;
    out.push({ file, doc, stage });
  }
  return out;
}

let bundled: Preset[] | null = null;

/** Every presets/*.archsim.json, bundled into the renderer at build time; parsed on first use. */
export function bundledPresets(): Preset[] {
  bundled ??= parsePresets(
    import.meta.glob<string>('../../../presets/*.archsim.json', {
      eager: true,
      query: '?raw',
      import: 'default',
    }),
  );
  return bundled;
}

/** The bundled preset named `file`, if there is one. */
export function presetByFile(file: string): Preset | undefined {
  return bundledPresets().find((p) => p.file === file);
}
