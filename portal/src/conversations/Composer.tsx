import { formatFileSize } from '@confer/ui';
import { useId, useMemo, useRef, type FormEvent, type KeyboardEvent } from 'react';
import {
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Textarea,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { PORTAL_LIMITS } from '@confer/ui';
import { ErrorNotice } from '@confer/ui/errors';
import { AttachRegular, DismissRegular, DocumentRegular, SendRegular } from '@fluentui/react-icons';
import { UploadProgress } from './UploadProgress';
import type { Composer as ComposerState } from './use-composer';
import { t } from '../messages';

const useStyles = makeStyles({
  root: {
    flexShrink: 0,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
  },
  inner: {
    maxWidth: '820px',
    margin: '0 auto',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  row: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalS },
  textarea: { flex: '1 1 auto', minWidth: 0, '& textarea': { maxHeight: '30vh' } },
  staged: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
  },
  chip: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    maxWidth: '100%',
    boxSizing: 'border-box',
    paddingLeft: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  chipName: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0, maxWidth: '22ch' },
  chipSize: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, whiteSpace: 'nowrap' },
  footer: { display: 'flex', justifyContent: 'space-between', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  hint: { color: tokens.colorNeutralForeground3 },
  counter: { color: tokens.colorNeutralForeground3, marginLeft: 'auto' },
  counterOver: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

export type ComposerProps = { composer: ComposerState; conversationTitle: string };

const enterSends = () => window.matchMedia('(pointer: fine)').matches;

/** Reply box: text, attach files (paperclip or drop anywhere), upload progress and Send. */
export function Composer({ composer, conversationTitle }: ComposerProps) {
  const styles = useStyles();
  const fileInput = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const keyboardSends = useMemo(enterSends, []);
  const { sending } = composer;
  const showCounter = composer.chars > PORTAL_LIMITS.messageChars - 200;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void composer.send();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing && keyboardSends) {
      event.preventDefault();
      void composer.send();
    }
  };

  return (
    <form className={styles.root} onSubmit={submit} aria-label={t.conversations.replyIn(conversationTitle)}>
      <div className={styles.inner}>
        {composer.files.length > 0 && !sending ? (
          <ul className={styles.staged} aria-label={t.conversations.filesToSend}>
            {composer.files.map((file, index) => (
              <li key={`${index}:${file.name}:${file.size}`} className={styles.chip}>
                <DocumentRegular aria-hidden="true" />
                <span className={styles.chipName} title={file.name}>
                  {file.name}
                </span>
                <span className={styles.chipSize}>{formatFileSize(file.size)}</span>
                <Button
                  appearance="subtle"
                  size="small"
                  icon={<DismissRegular />}
                  aria-label={t.conversations.remove(file.name)}
                  onClick={() => composer.removeFile(index)}
                />
              </li>
            ))}
          </ul>
        ) : null}
        {composer.limitError ? (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <span role="alert">{composer.limitError}</span>
            </MessageBarBody>
          </MessageBar>
        ) : null}
        {sending && sending.files.length > 0 ? <UploadProgress sending={sending} onCancel={composer.cancel} /> : null}
        {composer.error ? <ErrorNotice error={composer.error} title={t.conversations.notSent} /> : null}
        {composer.notice ? (
          <MessageBar intent="info">
            <MessageBarBody>
              <span role="status">{composer.notice}</span>
            </MessageBarBody>
          </MessageBar>
        ) : null}
        <div className={styles.row}>
          <Button
            appearance="subtle"
            size="large"
            icon={<AttachRegular />}
            aria-label={t.conversations.attachFiles}
            title={t.conversations.attachFiles}
            disabled={Boolean(sending)}
            onClick={() => fileInput.current?.click()}
          />
          <input
            ref={fileInput}
            type="file"
            multiple
            hidden
            aria-label={t.conversations.chooseFilesToAttach}
            onChange={(event) => {
              composer.addFiles(Array.from(event.currentTarget.files ?? []));
              event.currentTarget.value = '';
            }}
          />
          <Textarea
            className={styles.textarea}
            aria-label={t.conversations.writeAMessage}
            aria-describedby={keyboardSends ? hintId : undefined}
            placeholder={t.conversations.writeAMessage}
            resize="none"
            rows={2}
            value={composer.text}
            readOnly={Boolean(sending)}
            onChange={(_e, data) => composer.setText(data.value)}
            onKeyDown={onKeyDown}
          />
          <Button
            appearance="primary"
            size="large"
            type="submit"
            icon={<SendRegular />}
            aria-label={sending ? t.conversations.sending : t.conversations.send}
            title={t.conversations.send}
            disabled={!composer.canSend}
          />
        </div>
        <div className={styles.footer}>
          {keyboardSends ? (
            <Caption1 id={hintId} className={styles.hint}>
              {t.conversations.enterSendsShiftEnter}
            </Caption1>
          ) : null}
          {showCounter ? (
            <Caption1
              className={mergeClasses(styles.counter, composer.tooLong && styles.counterOver)}
              aria-live="polite"
            >
              {t.conversations.characterCount(
                composer.chars.toLocaleString(),
                PORTAL_LIMITS.messageChars.toLocaleString(),
                composer.tooLong,
              )}
            </Caption1>
          ) : null}
        </div>
      </div>
    </form>
  );
}
