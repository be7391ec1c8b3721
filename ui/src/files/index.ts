export { formatFileSize } from './format-file-size.js';
export {
  decodePreviewText,
  isPrintable,
  MAX_TEXT_PREVIEW_BYTES,
  previewKindOf,
  type PreviewKind,
} from './file-preview.js';
export { printFile, saveBlob } from './print-file.js';
export { useTextPreview, type TextPreviewState } from './use-text-preview.js';
