import { useEffect, useState } from 'react';
import type { OfficeHost } from './office-host';

/**
 * Whether Outlook's Office theme is dark, following its changes; null in a plain browser or
 * when Office does not say (the app then follows the operating system's colour scheme).
 */
export function useOfficeDarkTheme(host: OfficeHost | null): boolean | null {
  const [dark, setDark] = useState<boolean | null>(() => host?.isDarkTheme() ?? null);
  useEffect(() => {
    if (!host) return;
    setDark(host.isDarkTheme());
    return host.onThemeChanged(setDark);
  }, [host]);
  return dark;
}
