import { makeStyles } from '@fluentui/react-components';
import { NARROW } from '../shell/narrow-layout';

/** The composer's action buttons: icon and words, or only the icon in the narrow layout (one row). */
export const useComposerActionStyles = makeStyles({
  label: {
    [NARROW]: {
      position: 'absolute',
      width: '1px',
      height: '1px',
      overflow: 'hidden',
      clip: 'rect(0 0 0 0)',
      whiteSpace: 'nowrap',
    },
  },
  action: { flexShrink: 0, [NARROW]: { minWidth: '32px', paddingLeft: '6px', paddingRight: '6px' } },
});
