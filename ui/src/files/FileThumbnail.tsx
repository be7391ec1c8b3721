import { makeStyles, tokens } from '@fluentui/react-components';
import type { FilePreview } from '../api-types.js';
import { uiMessages as t } from '../messages/en.js';

/** The largest a thumbnail is drawn in a message list, in CSS pixels (previews are 480 px: sharp on 2× screens). */
const MAX_CSS_PX = 240;

const useStyles = makeStyles({
  frame: {
    display: 'block',
    overflow: 'hidden',
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground3,
    maxWidth: '100%',
  },
  image: { display: 'block', width: '100%', height: '100%', objectFit: 'contain' },
});

/** The size a preview is drawn at: its own proportions, at most 240 px on its longer side. */
export function thumbnailSize(preview: FilePreview): { width: number; height: number } {
  const width = preview.width ?? 160;
  const height = preview.height ?? 120;
  const scale = Math.min(1, MAX_CSS_PX / Math.max(width, height));
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

/**
 * A file's thumbnail as both apps draw it in the message list: the preview image, or while it
 * is being made (or fetched) a quiet box of its size, so the list does not jump when it arrives.
 * The caller wraps it in whatever opens the file.
 */
export function FileThumbnail({ name, preview, src }: { name: string; preview: FilePreview; src: string | null }) {
  const styles = useStyles();
  const size = thumbnailSize(preview);
  return (
    <span className={styles.frame} style={{ width: size.width, height: size.height }} data-testid="file-thumbnail">
      {src ? <img className={styles.image} src={src} alt={t.files.previewOf(name)} draggable={false} /> : null}
    </span>
  );
}
