import { useMemo } from 'react';
import { createSmsApi, type SmsApi } from '@confer/ui';
import { useApi } from '../common/use-api';

/** Texting and firm-settings calls on the signed-in API client. */
export function useSmsApi(): SmsApi {
  const api = useApi();
  return useMemo(() => createSmsApi(api.request), [api]);
}
