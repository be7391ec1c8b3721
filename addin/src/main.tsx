import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { App } from './App';
import { takeStaffTokenFromHash } from './store-staff-token';
import './global.css';

// The dev sign-in page redirects back to /addin/#token=<JWT>; take it before anything renders.
takeStaffTokenFromHash();

const container = document.getElementById('root');
if (!container) throw new Error('Missing #root element');

createRoot(container).render(
  <StrictMode>
    <FluentProvider theme={webLightTheme} style={{ minHeight: '100%' }}>
      <App />
    </FluentProvider>
  </StrictMode>,
);
