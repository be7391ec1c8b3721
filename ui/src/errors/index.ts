export { ErrorNotice, type ErrorNoticeProps } from './ErrorNotice.js';
export { messageFor, problemMessages } from './problem-messages.js';
