import type { TCatalogue } from '@confer/ui/messages';
import { en } from './en';

/** The staff app's words, read as `t.<folder>.<key>` (English; a firm's language would be another `TCatalogue<typeof en>`). */
export const t: TCatalogue<typeof en> = en;
