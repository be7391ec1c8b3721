import { makeStyles, tokens } from '@fluentui/react-components';

/** A plain list of rows with dividers. */
export const useListStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  sectionHeading: { margin: 0, marginBottom: tokens.spacingVerticalS },
  section: { display: 'flex', flexDirection: 'column' },
});
