import { useEffect, type CSSProperties, type ReactNode } from 'react';
import { FluentProvider, webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';
import { useMediaQuery } from './use-media-query.js';

export const PREFERS_DARK = '(prefers-color-scheme: dark)';

/**
 * The Fluent theme to use: the host's choice when it made one (`hostDark`: Outlook's Office
 * theme), else the operating system's `prefers-color-scheme`, following it live.
 */
export function useAppTheme(hostDark: boolean | null = null): { theme: Theme; dark: boolean } {
  const prefersDark = useMediaQuery(PREFERS_DARK);
  const dark = hostDark ?? prefersDark;
  return { theme: dark ? webDarkTheme : webLightTheme, dark };
}

type AppThemeProviderProps = {
  /** The host's theme (true: dark) or null to follow the operating system. */
  hostDark?: boolean | null;
  style?: CSSProperties;
  children: ReactNode;
};

/**
 * The app's FluentProvider in the light or dark web theme. The page's `color-scheme` follows,
 * so scroll bars, native controls and the canvas around the app match it too.
 */
export function AppThemeProvider({ hostDark = null, style, children }: AppThemeProviderProps) {
  const { theme, dark } = useAppTheme(hostDark);
  useEffect(() => {
    document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
  }, [dark]);
  return (
    <FluentProvider theme={theme} style={style} data-theme={dark ? 'dark' : 'light'}>
      {children}
    </FluentProvider>
  );
}
