import '@xyflow/react/dist/style.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { systemLocale } from './i18n/messages.ts';
import { browserPlatform } from './platform/browserPlatform.ts';
import { createDesktopPlatform } from './platform/desktopPlatform.ts';
import { localPreferences, persistRunBudgets } from './run/runBudgets.ts';
import { useStore } from './store/store.ts';

useStore.getState().setLocale(systemLocale(navigator.languages));
persistRunBudgets(useStore, localPreferences());
document.documentElement.lang = useStore.getState().locale;
useStore.subscribe((s) => {
  document.documentElement.lang = s.locale;
});

// The desktop shell's preload exposes window.archsim; a plain browser has none.
const platform = window.archsim ? await createDesktopPlatform(window.archsim) : browserPlatform;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App platform={platform} />
  </StrictMode>,
);
