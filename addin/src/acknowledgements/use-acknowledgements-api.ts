import { useMemo } from 'react';
import { createAcknowledgementsApi, type AcknowledgementsApi } from '@confer/ui';
import { useApi } from '../common/use-api';

/** Acknowledge-by calls on the signed-in API client. */
export function useAcknowledgementsApi(): AcknowledgementsApi {
  const api = useApi();
  return useMemo(() => createAcknowledgementsApi(api.request), [api]);
}
