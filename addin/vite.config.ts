import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const page = (name: string) => fileURLToPath(new URL(name, import.meta.url));

// The API serves this build at /addin/ on the same origin. Four pages share one bundle graph:
// the browser app (index.html), the Outlook task pane (taskpane.html: the same app plus
// Office.js), and the two small sign-in pages used in production.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/addin/',
  plugins: [react()],
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
