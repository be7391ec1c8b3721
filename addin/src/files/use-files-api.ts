import { useMemo } from 'react';
import { createFilesApi, type FilesApi } from '@confer/ui';
import { useApi } from '../common/use-api';

/** The staff file calls, over the app's API client. */
export function useFilesApi(): FilesApi {
  const api = useApi();
  return useMemo(() => createFilesApi(api.request), [api]);
}
