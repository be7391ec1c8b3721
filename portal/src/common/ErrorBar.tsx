import type { ReactNode } from 'react';
import { MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { describeError } from '@confer/ui';

export type ErrorBarProps = {
  error: unknown;
  title?: string;
  /** E.g. a Retry button. */
  action?: ReactNode;
  className?: string;
};

/** A problem's `detail` (or a plain sentence for network errors), announced to screen readers. */
export function ErrorBar({ error, title, action, className }: ErrorBarProps) {
  return (
    <MessageBar intent="error" layout="multiline" className={className}>
      <MessageBarBody>
        {title ? <MessageBarTitle>{title}</MessageBarTitle> : null}
        <span role="alert">{describeError(error)}</span>
      </MessageBarBody>
      {action ? <MessageBarActions>{action}</MessageBarActions> : null}
    </MessageBar>
  );
}
