import { MenuItem } from '@fluentui/react-components';
import type { Message } from '@confer/ui';
import { useSmsConversation } from './sms-conversation-context';
import { useSmsApi } from './use-sms-api';
import { t } from '../messages';

/** "Resend as SMS" in a staff message's menu (external matter conversations). */
export function ResendSmsMenuItem({ message, onError }: { message: Message; onError: (error: unknown) => void }) {
  const { canText } = useSmsConversation();
  const smsApi = useSmsApi();
  if (!canText || message.author.kind !== 'staff' || !message.body.trim()) return null;
  return (
    <MenuItem
      onClick={() => {
        onError(null);
        // The new statuses arrive as `message.sms` events.
        smsApi.resendAsSms(message.id).catch(onError);
      }}
    >
      {t.sms.resendAsSms}
    </MenuItem>
  );
}
