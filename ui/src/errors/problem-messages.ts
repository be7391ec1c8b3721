import { ApiProblem } from '../api-problem.js';

/**
 * What to tell people for each problem `code` the API sends (api/src: `new AppError(code, …)`).
 * Written for the person in front of the screen, not for developers; the one place a firm's
 * language would go. Codes not listed fall back on the server's own sentence (`detail`), which
 * for those codes carries specifics (names, numbers) a fixed sentence could not.
 */
export const problemMessages: Readonly<Record<string, string>> = {
  // requests and sessions
  validation_failed: 'Some details need fixing. Check the fields marked below and try again.',
  bad_request: 'That request could not be understood. Reload the page and try again.',
  malformed_json: 'That request could not be understood. Reload the page and try again.',
  unsupported_media_type: 'That request could not be understood. Reload the page and try again.',
  unsupported_encoding: 'That request could not be understood. Reload the page and try again.',
  route_not_found: 'That page or action does not exist. Reload and try again.',
  not_found: 'We could not find that. It may have been removed, or you may no longer have access to it.',
  missing_token: 'You are not signed in. Sign in again to continue.',
  not_signed_in: 'Your session has ended. Sign in again to continue.',
  unknown_staff: 'Your account is not set up in Confer for this firm. Ask your firm’s Confer administrator.',
  admin_required: 'Only an administrator of your firm can do this.',
  csrf_refused: 'For your security this request was refused. Reload the page and try again.',
  internal_error: 'Something went wrong on our side. Try again in a moment.',
  unavailable: 'Confer is briefly unavailable. Try again in a moment.',
  request_aborted: 'The request was interrupted. Try again.',
  body_too_large: 'That is too much to send at once. Send less, or split it up.',
  idempotency_key_in_use: 'This is still being sent. Wait a moment before trying again.',
  idempotency_key_reused: 'This could not be sent again as it was. Reload the page and try again.',
  // uploads
  too_many_files: 'Too many files were selected for one send. Send them in more than one go.',
  upload_too_large: 'These files are too large to send at once. Send fewer, or split them up.',
  malformed_multipart: 'The upload could not be read. Try sending the files again.',
  too_many_parts: 'The upload could not be read. Try sending the files again.',
  too_many_fields: 'The upload could not be read. Try sending the files again.',
  field_too_large: 'The upload could not be read. Try sending the files again.',
  unreadable_file_name: 'A file name could not be read. Rename the file and try again.',
  // portal sign-in
  link_not_valid: 'This secure link is not valid any more. Ask for a new one below.',
  wrong_code: 'That code is not right. Check the latest email and try again.',
  code_expired: 'That code has expired. Ask for a new one.',
  attempt_not_valid: 'This sign-in has expired. Open your secure link again.',
  sign_in_locked: 'Too many wrong codes. For your security, wait a while, then open your link again.',
  too_many_opens: 'This link was opened too many times. Wait a while, or ask for a new link.',
  resend_too_soon: 'A code was sent a moment ago. Wait a little before asking for another.',
  resend_limit: 'No more codes can be sent for this sign-in. Open your secure link again later.',
  contact_email_required: 'This person needs an email address before they can be invited.',
  // conversations and messages (staff_without_matter_access: the server's sentence names the people)
  matter_closed: 'This matter is closed, so nothing new can be added to it.',
  conversation_archived: 'This conversation is archived, so nothing new can be added to it.',
  not_a_participant: 'You are not part of this conversation.',
  not_author: 'Only the person who wrote a message can change it.',
  not_editable: 'This message can no longer be changed.',
  not_external: 'This can only be done in a conversation with clients.',
  cannot_join_direct: 'A direct conversation cannot be joined by others.',
  channel_name_taken: 'A channel with this name already exists. Choose another name.',
  not_a_matter_document: 'That file is not one of this matter’s documents.',
  not_a_matter_conversation: 'That conversation does not belong to this matter.',
  // matters, staff, contacts, extras
  matter_number_taken: 'Another matter already has this number. Choose another.',
  staff_email_taken: 'Someone at your firm already uses this email address.',
  last_admin: 'Your firm needs at least one administrator. Make someone else an administrator first.',
  tenant_taken: 'This Microsoft 365 organisation is already set up with Confer.',
  invoice_number_taken: 'Another invoice already has this number. Choose another.',
  form_submitted: 'This form has already been submitted.',
  event_cancelled: 'This event has been cancelled.',
  already_cancelled: 'This event has already been cancelled.',
  invalid_event: 'Check the event’s times: it must end after it starts.',
  // texting
  sms_not_available: 'Texting is not available for this conversation.',
  sms_needs_mobile: 'Texts need a mobile number. Ask the firm to add yours, or choose email.',
  sms_needs_text: 'A text message needs some words: add a message.',
  already_assigned: 'This text has already been placed in a conversation.',
  no_matching_contact: 'No contact matches this number.',
  // webhooks (not shown to people in practice)
  webhook_failed: 'Something went wrong on our side. Try again in a moment.',
  webhook_unauthorized: 'This request was refused.',
};

/** A sentence for people about any error: the catalogue's for a known code, else the server's or a plain one. */
export function messageFor(error: unknown): string {
  if (error instanceof ApiProblem) {
    return problemMessages[error.code] ?? error.detail ?? statusMessage(error.status);
  }
  if (error instanceof TypeError) return 'Could not reach Confer. Check your connection and try again.';
  if (error instanceof DOMException && error.name === 'AbortError') return 'Stopped.';
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Try again.';
}

function statusMessage(status: number): string {
  if (status === 401) return problemMessages.not_signed_in!;
  if (status === 403) return 'You do not have permission to do this.';
  if (status === 404) return problemMessages.not_found!;
  if (status === 429) return 'Too many attempts. Wait a little, then try again.';
  if (status >= 500) return problemMessages.internal_error!;
  return 'That did not work. Try again.';
}
