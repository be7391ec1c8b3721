import { createPortalExtrasApi } from '@confer/ui';
import { getCsrfToken, portalClient, reportNotSignedIn } from './portal-client';

/** Events, intake forms, invoices and the To do extras, on the portal's session. */
export const portalExtras = createPortalExtrasApi({
  request: portalClient.request,
  getCsrfToken,
  onNotSignedIn: reportNotSignedIn,
});
