import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const page = (name: string) => fileURLToPath(new URL(name, import.meta.url));

// Office.js stays a classic <script> that the API serves (its CDN address in production): it is
// set aside before Vite reads the pages and put back after, so Vite neither bundles it nor warns
// that it cannot.
const OFFICE_JS_TAG = '<script src="/addin/office-js/office.js"></script>';
const OFFICE_JS_MARK = '<!-- office.js -->';
function keepOfficeJsScript(): Plugin {
  return {
    name: 'confer:keep-office-js-script',
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => html.replace(OFFICE_JS_TAG, OFFICE_JS_MARK),
    },
  };
}
function restoreOfficeJsScript(): Plugin {
  return {
    name: 'confer:restore-office-js-script',
    transformIndexHtml: {
      order: 'post',
      handler: (html) => html.replace(OFFICE_JS_MARK, OFFICE_JS_TAG),
    },
  };
}

// The API serves this build at /addin/ on the same origin. Four pages share one bundle graph:
// the browser app (index.html), the Outlook task pane (taskpane.html: the same app plus
// Office.js), and the two small sign-in pages used in production.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/addin/',
  plugins: [keepOfficeJsScript(), react(), restoreOfficeJsScript()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      input: {
        index: page('index.html'),
        taskpane: page('taskpane.html'),
        'auth-dialog': page('auth-dialog.html'),
        'auth-redirect': page('auth-redirect.html'),
      },
    },
  },
});
