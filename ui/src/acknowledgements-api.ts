import type { Acknowledgement, AcknowledgementTask, ItemList } from './api-types.js';
import type { ApiClient } from './create-api-client.js';

type Sig = { signal?: AbortSignal };
const id = (value: string) => encodeURIComponent(value);

/** Acknowledge-by calls of the staff API, on an ApiClient's `request`. */
export function createAcknowledgementsApi(request: ApiClient['request']) {
  return {
    /** The conversation's marked messages: who acknowledged when, and each reminder step. */
    listAcknowledgements: (conversationId: string, o: Sig = {}) =>
      request<ItemList<Acknowledgement>>('GET', `/conversations/${id(conversationId)}/acknowledgements`, o),
    /** Your messages past their deadline without acknowledgement. */
    listTasks: (o: Sig = {}) => request<ItemList<AcknowledgementTask>>('GET', '/acknowledgements/tasks', o),
    /** Closes a task; answers the tasks left. */
    closeTask: (messageId: string) =>
      request<ItemList<AcknowledgementTask>>('POST', `/acknowledgements/${id(messageId)}/close-task`),
  };
}

export type AcknowledgementsApi = ReturnType<typeof createAcknowledgementsApi>;
