import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { describeRecipients, type TNewRecipient } from './find-new-recipients';

type NewRecipientsNoticeProps = {
  recipients: TNewRecipient[];
  onChecked: () => void;
};

/** Above the composer: who was added since the last message, until the author says they checked. */
export function NewRecipientsNotice({ recipients, onChecked }: NewRecipientsNoticeProps) {
  return (
    <MessageBar intent="warning" layout="multiline" aria-live="polite">
      <MessageBarBody>
        <MessageBarTitle>Added since the last message</MessageBarTitle>
        {describeRecipients(recipients)} will see what you send next. Check that it is meant for them.
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" onClick={onChecked}>
          I have checked
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
