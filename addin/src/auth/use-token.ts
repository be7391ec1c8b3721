import { createContext, useContext } from 'react';

/** The bearer token source the API client uses, for the few requests made without it (uploads with progress). */
export const TokenContext = createContext<() => Promise<string | null>>(async () => null);

export function useGetToken(): () => Promise<string | null> {
  return useContext(TokenContext);
}
