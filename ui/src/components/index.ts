export { FileDropOverlay, type FileDropOverlayProps } from './FileDropOverlay.js';
export { FileUploadProgress, type FileUploadProgressProps } from './FileUploadProgress.js';
export { VisuallyHidden } from './VisuallyHidden.js';
