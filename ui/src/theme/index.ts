export { AppThemeProvider, PREFERS_DARK, useAppTheme } from './AppThemeProvider.js';
export { useMediaQuery } from './use-media-query.js';
