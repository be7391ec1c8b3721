import { Avatar } from '@fluentui/react-components';
import type { Participant } from '@confer/ui';

type ParticipantAvatarProps = {
  participant: Participant;
  /** Read out and shown for the avatar; without it, the avatar is decoration beside the written name. */
  label?: string;
};

/**
 * A participant's initials, the same wherever they appear (the conversation header, the side
 * pane's People, Manage participants): brand colour for clients and third parties, a colour
 * of their own for each colleague.
 */
export function ParticipantAvatar({ participant, label }: ParticipantAvatarProps) {
  return (
    <Avatar
      size={24}
      initials={participant.initials}
      idForColor={participant.name}
      color={participant.kind === 'contact' ? 'brand' : 'colorful'}
      {...(label ? { name: label, 'aria-label': label } : { 'aria-hidden': true })}
    />
  );
}
