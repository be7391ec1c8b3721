import { Fragment, useMemo } from 'react';
import { Link, makeStyles, mergeClasses } from '@fluentui/react-components';
import { splitMessageText } from './split-message-text.js';

export type MessageTextProps = {
  body: string;
  className?: string;
  id?: string;
};

const useStyles = makeStyles({
  text: {
    // Keep the author's spaces and line breaks; break long URLs instead of overflowing.
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    margin: 0,
  },
});

/**
 * A message body as React text nodes and safe links: never HTML. `dir="auto"` lets each
 * message take the direction of its own script (Arabic, Hebrew… next to English).
 */
export function MessageText({ body, className, id }: MessageTextProps) {
  const styles = useStyles();
  const parts = useMemo(() => splitMessageText(body), [body]);
  return (
    <div id={id} dir="auto" className={mergeClasses(styles.text, className)}>
      {parts.map((part, index) =>
        part.kind === 'text' ? (
          <Fragment key={index}>{part.text}</Fragment>
        ) : (
          <Link
            key={index}
            inline
            href={part.href}
            target="_blank"
            rel="noopener noreferrer"
            // Show where a labelled link really goes.
            title={part.source === 'markdown' ? part.href : undefined}
          >
            {part.text}
          </Link>
        ),
      )}
    </div>
  );
}
