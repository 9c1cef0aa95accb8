import { useEffect, useMemo } from 'react';
import { useT } from '../i18n/useT.ts';
import { textOf } from '../model/document.ts';
import { readDraft } from '../platform/autosave.ts';
import type { Platform } from '../platform/Platform.ts';
import { useStore } from '../store/store.ts';
import { bundledPresets, type Preset } from './catalog.ts';
import { groupPresets } from './groupPresets.ts';
import { ModalDialog } from './ModalDialog.tsx';
import { Thumbnail } from './Thumbnail.tsx';
import { useUnsavedGuard } from './useUnsavedGuard.tsx';

/** Opens a preset as a new, untitled and clean document (saving it asks where). */
export function openPreset(preset: Preset): void {
  useStore.getState().load(structuredClone(preset.doc), null);
}

/**
 * The preset gallery: the bundled scenarios by stage of the growth story, each a card with a thumbnail
 * of its topology, its title and one-line story. Opens at start when there is nothing to edit and no
 * draft to recover, and from the toolbar; closes when a document is loaded by any means.
 */
export function PresetGallery({ platform }: { platform: Platform }) {
  const t = useT();
  const open = useStore((s) => s.galleryOpen);
  const locale = useStore((s) => s.locale);
  const empty = useStore((s) => s.doc.nodes.length === 0);
  const groups = useMemo(() => groupPresets(bundledPresets()), []);
  const [guard, question] = useUnsavedGuard(platform);

  useEffect(() => {
    const s = useStore.getState();
    const draft = platform.drafts ? readDraft(platform.drafts) : null;
    if (draft === null && s.doc.nodes.length === 0 && bundledPresets().length > 0) s.setGalleryOpen(true);
  }, [platform]);

  useEffect(() => {
    if (!open) return;
    return useStore.subscribe((s, prev) => {
      if (s.doc !== prev.doc) s.setGalleryOpen(false);
    });
  }, [open]);

  if (!open) return question;
  const close = () => useStore.getState().setGalleryOpen(false);
  return (
    <>
      <ModalDialog className="gallery" labelledBy="gallery-title" describedBy="gallery-intro" onClose={close}>
        <header className="gallery-header">
          <h2 id="gallery-title">{t('presets')}</h2>
          <p id="gallery-intro">{t('gallery.intro')}</p>
        </header>
        <div className="gallery-body">
          {groups.length === 0 && <p className="gallery-empty">{t('gallery.empty')}</p>}
          {groups.map((group) => (
            <section key={group.stage} className={`gallery-stage stage-${group.stage}`}>
              <h3>{t(`stage.${group.stage}`)}</h3>
              <ul className="gallery-cards">
                {group.presets.map((preset) => {
                  const id = `preset-${preset.file.replace(/\W/g, '-')}`;
                  const side = preset.doc.pair?.side;
                  return (
                    <li key={preset.file}>
                      <button
                        type="button"
                        className="preset-card"
                        aria-labelledby={`${id}-title`}
                        aria-describedby={`${id}-story`}
                        onClick={() => guard(() => openPreset(preset))}
                      >
                        <Thumbnail doc={preset.doc} />
                        <span className="preset-card-title" id={`${id}-title`}>
                          {textOf(preset.doc.name, locale) || preset.file}
                        </span>
                        <span className="preset-card-story" id={`${id}-story`}>
                          {textOf(preset.doc.description, locale)}
                        </span>
                        {side && <span className={`preset-pair ${side}`}>{t(`gallery.pair.${side}`)}</span>}
                      </button>
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
        </div>
        <footer className="gallery-footer">
          <button type="button" onClick={close}>
            {empty ? t('gallery.emptyCanvas') : t('gallery.close')}
          </button>
        </footer>
      </ModalDialog>
      {question}
    </>
  );
}
