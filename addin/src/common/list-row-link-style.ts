import { tokens, type GriffelStyle } from '@fluentui/react-components';

/** A list row that is one link: padding, colour, and hover, pressed and focus states. */
export const listRowLinkStyle: GriffelStyle = {
  padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
  color: tokens.colorNeutralForeground1,
  textDecorationLine: 'none',
  ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  ':active': { backgroundColor: tokens.colorNeutralBackground1Pressed },
  ':focus-visible': {
    outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
    outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
    borderRadius: tokens.borderRadiusMedium,
  },
};
