import { lazy, Suspense, useCallback, useRef, type ReactNode } from 'react';
import { FileViewerContext, type FileToView } from './file-viewer-context';
import { useDialogState } from '../common/use-dialog-state';

const FileViewerDialog = lazy(() => import('./FileViewerDialog').then((m) => ({ default: m.FileViewerDialog })));

/** Lets everything inside open files in the viewer dialog (loaded on first use); focus returns afterwards. */
export function FileViewerHost({ children }: { children: ReactNode }) {
  const viewer = useDialogState<FileToView>();
  const returnFocusTo = useRef<HTMLElement | null>(null);
  const { open: openDialog, close } = viewer;
  const open = useCallback(
    (target: FileToView) => {
      returnFocusTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      openDialog(target);
    },
    [openDialog],
  );
  return (
    <FileViewerContext.Provider value={open}>
      {children}
      {viewer.state && (
        <Suspense fallback={null}>
          <FileViewerDialog
            key={viewer.state.key}
            open={viewer.state.open}
            target={viewer.state.value}
            onClose={() => {
              close();
              const target = returnFocusTo.current;
              requestAnimationFrame(() => target?.focus());
            }}
          />
        </Suspense>
      )}
    </FileViewerContext.Provider>
  );
}
