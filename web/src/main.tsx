import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AuthProvider } from './app/auth';
import { Shell } from './app/Shell';
import { LocaleProvider } from './i18n';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LocaleProvider>
      <BrowserRouter basename="/app">
        <AuthProvider>
          <Shell />
        </AuthProvider>
      </BrowserRouter>
    </LocaleProvider>
  </StrictMode>,
);
