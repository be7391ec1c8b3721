import { defineMessages } from './index.js';

/** The words the shared components and formatters of `@confer/ui` show, in both apps. */
export const uiMessages = defineMessages({
  errors: {
    referenceForSupport: (requestId: string) => `Reference for support: ${requestId}`,
    retry: 'Retry',
  },
  files: {
    uploaded: 'Uploaded',
    uploadPercent: (percent: number) => `${percent}%`,
    dropHint: (title: string) => `They are added to your message in ${title}. Nothing is sent until you press Send.`,
    previewOf: (name: string) => `Preview of ${name}`,
  },
  time: {
    today: 'Today',
    yesterday: 'Yesterday',
  },
});
