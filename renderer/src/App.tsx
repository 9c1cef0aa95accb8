import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useMemo } from 'react';
import { LiveEstimate } from './analysis/LiveEstimate.tsx';
import { Canvas } from './canvas/Canvas.tsx';
import { Palette } from './canvas/Palette.tsx';
import { ChartsPanel } from './charts/ChartsPanel.tsx';
import { Commands } from './commands/Commands.tsx';
import { Inspector } from './inspector/Inspector.tsx';
import { DraftRecovery } from './platform/DraftRecovery.tsx';
import type { Platform } from './platform/Platform.ts';
import { NarrativePanel } from './presets/NarrativePanel.tsx';
import { PresetGallery } from './presets/PresetGallery.tsx';
import { RunBar } from './run/RunBar.tsx';
import { RunBudgetsDialog } from './run/RunBudgetsDialog.tsx';
import { Runner } from './run/runner.ts';
import { StatusBar } from './run/StatusBar.tsx';
import { useStore } from './store/store.ts';
import { Toolbar } from './Toolbar.tsx';

export function App({ platform }: { platform: Platform }) {
  const runner = useMemo(
    () => new Runner(useStore, undefined, () => ({ budgets: useStore.getState().runBudgets })),
    [],
  );
  useEffect(() => () => runner.dispose(), [runner]);
  return (
    <ReactFlowProvider>
      <Commands platform={platform} runner={runner}>
        <div className="app">
          <Toolbar />
          <RunBar />
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
          <LiveEstimate />
          <DraftRecovery platform={platform} />
          <PresetGallery platform={platform} />
          <RunBudgetsDialog />
        </div>
      </Commands>
    </ReactFlowProvider>
  );
}
