import { createContext, useContext } from 'react';
import type { FileRef } from '@confer/ui';

/**
 * What to open: one fixed version (an attachment), or a document (its latest version). With the
 * conversation it was opened from, the viewer offers a comment box that posts there.
 */
export type FileToView = ({ file: FileRef } | { documentId: string; name: string }) & { conversationId?: string };

/** Opens the file viewer; null where no viewer is mounted (then files only download). */
export const FileViewerContext = createContext<((target: FileToView) => void) | null>(null);

export function useOpenFile(): ((target: FileToView) => void) | null {
  return useContext(FileViewerContext);
}
