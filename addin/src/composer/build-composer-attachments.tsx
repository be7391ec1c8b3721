import { AttachButtons } from './AttachButtons';
import { AttachmentTray } from './AttachmentTray';
import type { Attachments } from './use-attachments';

/** The composer's attachment parts: the tray, the attach buttons, and whether sending may go ahead. */
export function buildComposerAttachments(
  attachments: Attachments,
  options: { conversationTitle: string; matterId: string | null; disabled: boolean },
) {
  return {
    tray: <AttachmentTray attachments={attachments} conversationTitle={options.conversationTitle} />,
    tools: <AttachButtons attachments={attachments} matterId={options.matterId} disabled={options.disabled} />,
    ready: attachments.hasAny,
    blocked: attachments.uploading || attachments.limitError !== null,
  };
}
