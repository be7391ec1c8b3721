import { createContext, useContext } from 'react';

export type SmsConversationInfo = {
  /** An external matter conversation the viewer may write to: messages can be (re)sent as SMS. */
  canText: boolean;
};

/** What the messages of the open conversation need to know about texting it. */
export const SmsConversationContext = createContext<SmsConversationInfo>({ canText: false });

export const useSmsConversation = () => useContext(SmsConversationContext);
