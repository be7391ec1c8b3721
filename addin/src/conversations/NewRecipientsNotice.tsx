import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { describeRecipients, type TNewRecipient } from './find-new-recipients';
import { t } from '../messages';

type NewRecipientsNoticeProps = {
  recipients: TNewRecipient[];
  onChecked: () => void;
};

/** Above the composer: who was added since the last message, until the author says they checked. */
export function NewRecipientsNotice({ recipients, onChecked }: NewRecipientsNoticeProps) {
  return (
    <MessageBar intent="warning" layout="multiline" aria-live="polite">
      <MessageBarBody>
        <MessageBarTitle>{t.conversations.addedSinceTheLast}</MessageBarTitle>
        {t.conversations.willSeeWhatYou(describeRecipients(recipients))}
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" onClick={onChecked}>
          {t.conversations.iHaveChecked}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
