import { useMemo } from 'react';
import { createExtrasApi, type ExtrasApi } from '@confer/ui';
import { useApi } from '../common/use-api';

/** Events, intake forms and invoices, on the signed-in staff member's API client. */
export function useExtrasApi(): ExtrasApi {
  const api = useApi();
  return useMemo(() => createExtrasApi(api.request), [api]);
}
