/**
 * The narrow layout: the Outlook task pane (about 320–450 px wide) and phones. Headers compact
 * and the composer's actions become icons in one row below this width.
 */
export const NARROW = '@media (max-width: 539px)';

/** From this width Home and the open conversation sit side by side (two panes). */
export const TWO_PANES = '(min-width: 900px)';

/** From this width a third pane shows the open conversation's matter, people and files. */
export const THREE_PANES = '(min-width: 1280px)';
