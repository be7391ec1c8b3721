import { z } from 'zod';
import type { Db } from '../../db/connect.js';
import type { RouteTable } from '../../http/define-route.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { ZContact } from '../contacts/schemas.js';
import { ZConversation } from '../conversations/schemas.js';
import { ZMatter } from '../matters/schemas.js';
import { getEmailContext } from './service.js';

const ZEmailContextQuery = z
  .object({
    emails: z
      .string()
      .max(5000)
      .transform((s) =>
        s
          .split(',')
          .map((e) => e.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.email('each entry must be an email address')).min(1).max(50)),
  })
  .strict();

export function addOutlookRoutes(routes: RouteTable<StaffContext>, db: Db): void {
  routes.add({
    method: 'get',
    path: '/outlook/email-context',
    summary: "An open email's contacts (sender and recipients), their matters and those matters' conversations",
    tags: ['outlook'],
    query: ZEmailContextQuery,
    response: z
      .object({
        contacts: z.array(ZContact),
        unknownEmails: z.array(z.string()),
        matters: z.array(
          z.object({ matter: ZMatter, contactIds: z.array(z.uuid()), conversations: z.array(ZConversation) }),
        ),
      })
      .openapi('EmailContext'),
    handler: ({ ctx, query }) => getEmailContext(db, ctx, query.emails),
  });
}
