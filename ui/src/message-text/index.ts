export { MessageText, type MessageTextProps } from './MessageText.js';
export { splitMessageText, toSafeLinkHref, type MessageTextPart } from './split-message-text.js';
