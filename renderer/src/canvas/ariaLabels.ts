import type { AriaLabelConfig } from '@xyflow/react';
import type { useT } from '../i18n/useT.ts';

/** React Flow's own labels (controls' tooltips, minimap, keyboard help) in the UI language. */
export function ariaLabels(t: ReturnType<typeof useT>): Partial<AriaLabelConfig> {
  return {
    'node.a11yDescription.default': t('rf.nodeHelp'),
    'node.a11yDescription.keyboardDisabled': t('rf.nodeHelpKeyboard'),
    'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }) => t('rf.moved', { direction, x, y }),
    'edge.a11yDescription.default': t('rf.edgeHelp'),
    'controls.ariaLabel': t('rf.controls'),
    'controls.zoomIn.ariaLabel': t('rf.zoomIn'),
    'controls.zoomOut.ariaLabel': t('rf.zoomOut'),
    'controls.fitView.ariaLabel': t('rf.fitView'),
    'controls.interactive.ariaLabel': t('rf.interactive'),
    'minimap.ariaLabel': t('rf.minimap'),
    'handle.ariaLabel': t('rf.handle'),
  };
}
