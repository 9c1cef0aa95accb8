import '@xyflow/react/dist/style.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { systemLocale } from './i18n/messages.ts';
import { browserPlatform } from './platform/browserPlatform.ts';
import { useStore } from './store/store.ts';

useStore.getState().setLocale(systemLocale(navigator.languages));
document.documentElement.lang = useStore.getState().locale;
useStore.subscribe((s) => {
  document.documentElement.lang = s.locale;
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App platform={browserPlatform} />
  </StrictMode>,
);
