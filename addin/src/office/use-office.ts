import { createContext, useContext } from 'react';
import { createBrowserSettings, type OfficeHost, type SettingsStore } from './office-host';

export type OfficeContextValue = {
  /** Outlook, when the app runs as its task pane; null in a plain browser. */
  host: OfficeHost | null;
  /** Roaming settings in Outlook, localStorage in a browser. */
  settings: SettingsStore;
};

export const OfficeContext = createContext<OfficeContextValue>({ host: null, settings: createBrowserSettings() });

export function useOffice(): OfficeContextValue {
  return useContext(OfficeContext);
}
