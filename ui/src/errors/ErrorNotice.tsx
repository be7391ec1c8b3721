import type { ReactNode } from 'react';
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { isApiProblem } from '../api-problem.js';
import { uiMessages as t } from '../messages/en.js';
import { messageFor } from './problem-messages.js';

export type ErrorNoticeProps = {
  error: unknown;
  title?: string;
  /** E.g. a Retry button; `onRetry` adds one. */
  action?: ReactNode;
  onRetry?: () => void;
  /**
   * The form shows each field's message beside the field (`fieldErrorsOf`): the notice then
   * does not repeat them. Otherwise it lists them.
   */
  fieldsShownBeside?: boolean;
  className?: string;
};

const useStyles = makeStyles({
  fields: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingInlineStart: tokens.spacingHorizontalL },
  reference: { display: 'block', marginTop: tokens.spacingVerticalXS, color: tokens.colorNeutralForeground3 },
});

/**
 * The one error surface of both apps: announced (`role="alert"`), a sentence for people per
 * problem code (problem-messages.ts), the field errors when the form does not show them beside
 * its fields, and the request id to quote to support. Server text is only ever plain text.
 */
export function ErrorNotice({ error, title, action, onRetry, fieldsShownBeside, className }: ErrorNoticeProps) {
  const styles = useStyles();
  const problem = isApiProblem(error) ? error : undefined;
  const fields = !fieldsShownBeside && problem ? problem.errors.filter((e) => e.field && e.field !== '(root)') : [];
  return (
    <div role="alert" className={className}>
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          {title ? <MessageBarTitle>{title}</MessageBarTitle> : null}
          <span>{messageFor(error)}</span>
          {fields.length > 0 ? (
            <ul className={styles.fields}>
              {fields.map((e) => (
                <li key={`${e.location}.${e.field}`}>
                  {e.field}: {e.message}
                </li>
              ))}
            </ul>
          ) : null}
          {problem?.requestId ? (
            <span className={styles.reference}>{t.errors.referenceForSupport(problem.requestId)}</span>
          ) : null}
        </MessageBarBody>
        {action || onRetry ? (
          <MessageBarActions>
            {action}
            {onRetry ? (
              <Button size="small" onClick={onRetry}>
                {t.errors.retry}
              </Button>
            ) : null}
          </MessageBarActions>
        ) : null}
      </MessageBar>
    </div>
  );
}
