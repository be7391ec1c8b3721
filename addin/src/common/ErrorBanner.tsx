import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { describeError } from '@confer/ui';

type ErrorBannerProps = {
  error: unknown;
  onRetry?: () => void;
};

/** Plain-text error with an optional Retry action. Never renders server text as HTML. */
export function ErrorBanner({ error, onRetry }: ErrorBannerProps) {
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>{describeError(error)}</MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button size="small" onClick={onRetry}>
            Retry
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
