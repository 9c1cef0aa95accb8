import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useMemo } from 'react';
import { Canvas } from './canvas/Canvas.tsx';
import { Palette } from './canvas/Palette.tsx';
import { ChartsPanel } from './charts/ChartsPanel.tsx';
import { Inspector } from './inspector/Inspector.tsx';
import { DraftRecovery } from './platform/DraftRecovery.tsx';
import type { Platform } from './platform/Platform.ts';
import { MenuCommands } from './platform/useMenuCommands.ts';
import { NarrativePanel } from './presets/NarrativePanel.tsx';
import { PresetGallery } from './presets/PresetGallery.tsx';
import { RunBar } from './run/RunBar.tsx';
import { Runner } from './run/runner.ts';
import { StatusBar } from './run/StatusBar.tsx';
import { useStore } from './store/store.ts';
import { Toolbar } from './Toolbar.tsx';
import { useShortcuts } from './useShortcuts.ts';

export function App({ platform }: { platform: Platform }) {
  const runner = useMemo(() => new Runner(useStore), []);
  useEffect(() => () => runner.dispose(), [runner]);
  useShortcuts(platform);
  return (
    <ReactFlowProvider>
      <div className="app">
        <Toolbar platform={platform} />
        <RunBar runner={runner} />
        <NarrativePanel platform={platform} runner={runner} />
        <div className="workspace">
          <Palette />
          <main className="center">
            <Canvas onInject={(event) => void runner.inject(event as never)} />
            <ChartsPanel />
          </main>
          <Inspector />
        </div>
        <StatusBar />
        <DraftRecovery platform={platform} />
        <PresetGallery platform={platform} />
        <MenuCommands platform={platform} runner={runner} />
      </div>
    </ReactFlowProvider>
  );
}
