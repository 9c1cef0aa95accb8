import type { DraftStorage } from './autosave.ts';
import type { OpenedFile, Platform } from './Platform.ts';

/**
 * The platform in a plain browser: files come in through a file picker and go out as downloads; drafts
 * of unsaved work live in localStorage, and leaving the page with unsaved changes asks first.
 */
export const browserPlatform: Platform = {
  kind: 'browser',
  drafts: localDrafts(),
  warnOnUnload: true,
  openDocument() {
    return new Promise<OpenedFile | null>((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = '.json,.archsim.json,application/json';
      input.addEventListener('change', async () => {
        const file = input.files?.[0];
        resolve(file ? { name: file.name, text: await file.text() } : null);
      });
      input.addEventListener('cancel', () => resolve(null));
      input.click();
    });
  },
  async saveDocument(name, text) {
    download(name, text, 'application/json');
    return name;
  },
  async exportFiles(files) {
    for (const f of files) download(f.name, f.text, f.type);
    return true;
  },
};

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** localStorage, or nothing where the browser forbids it (storage disabled, some privacy modes throw). */
function localDrafts(): DraftStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
