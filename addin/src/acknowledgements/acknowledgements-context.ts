import { createContext, useContext } from 'react';
import type { Acknowledgement } from '@confer/ui';

/** The open conversation's marked messages, by message id. */
export const AcknowledgementsContext = createContext<ReadonlyMap<string, Acknowledgement>>(new Map());

export const useAcknowledgementOf = (messageId: string): Acknowledgement | undefined =>
  useContext(AcknowledgementsContext).get(messageId);
