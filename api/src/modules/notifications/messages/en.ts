/**
 * Every word the API's emails say to people, in English. A firm's language would be another
 * file with the same keys (`TEmailMessages`); `{name}` marks a value filled in when sent.
 */
export const en = {
  // shared by the emails
  'email.hello': 'Hello {first},',
  'email.linkIsPersonal': 'Your personal link works for 7 days. Please do not forward this email.',
  'email.sentOnBehalf': 'Sent by Confer on behalf of {firm}.',

  // the secure link: an invitation, a conversation started, or a new link someone asked for
  'secureLink.subject.requested': 'Your new secure link from {firm}',
  'secureLink.subject.invited': '{firm} has invited you to a secure conversation',
  'secureLink.subject.started': '{firm} has started a secure conversation with you',
  'secureLink.requested': 'Here is your new link, as you asked, to your secure conversations with {firm}.',
  'secureLink.firstTime':
    '{firm} uses Confer to exchange messages and documents with you securely, instead of ordinary email.',
  'secureLink.howFirstTime':
    'Open your personal link below, then enter the 6-digit code we email you. There is no password to remember.',
  'secureLink.howAgain':
    'Open your personal link to read and reply to {firm}. We will email you a 6-digit code to confirm it is you.',
  'secureLink.doNotForward': 'The link is personal to you and works for 7 days. Please do not forward it.',
  'secureLink.action.getStarted': 'Get started',
  'secureLink.action.open': 'Open secure conversation',
  'secureLink.footer.requested':
    'Sent by Confer on behalf of {firm}. If you did not ask for a new link, you can ignore this email.',
  'secureLink.footer.invited': 'Sent by Confer on behalf of {firm}. If you were not expecting this, you can ignore it.',

  // the one-time sign-in code
  'signInCode.subject': 'Your sign-in code: {code}',
  'signInCode.heading': 'Your {firm} sign-in code: {code}',
  'signInCode.enter': 'Enter this code to open your secure conversation with {firm}: {code}',
  'signInCode.once': 'It works once and expires in 10 minutes. Nobody from the firm will ever ask you for it.',
  'signInCode.footer': 'If you did not try to sign in, you can ignore this email.',

  // messages the contact has not seen
  'newMessages.subject.one': 'New secure message from {firm}',
  'newMessages.subject.other': '{count} new secure messages from {firm}',
  'newMessages.in.one': 'You have a new message in "{title}".',
  'newMessages.in.other': 'You have {count} new messages in "{title}".',
  'newMessages.signInToRead': 'For your security, it can only be read after you sign in to the secure portal.',
  'newMessages.preview': '{author}: {body}',
  'newMessages.action.one': 'Read the message',
  'newMessages.action.other': 'Read the messages',
  'newMessages.footer': 'Sent by Confer on behalf of {firm} because you have not yet seen this in the secure portal.',

  // the daily digest (chosen in the portal instead of an email per message): titles and counts only
  'digest.subject': 'Your daily summary from {firm}',
  'digest.intro': 'Here is what is waiting for you in the secure portal.',
  'digest.in.one': '"{title}": 1 unread message',
  'digest.in.other': '"{title}": {count} unread messages',
  'digest.action': 'Open the secure portal',
  'digest.footer':
    'Sent by Confer on behalf of {firm} once a day, as you chose. You can change how you are told of new messages in the portal.',

  // an appointment added, changed or cancelled
  'event.subject.added': '{firm} has invited you to: {title}',
  'event.subject.changed': 'Changed by {firm}: {title}',
  'event.subject.cancelled': 'Cancelled by {firm}: {title}',
  'event.intro.added': '{firm} has added an appointment for matter {matterNumber} ({matterTitle}).',
  'event.intro.changed':
    '{firm} has changed an appointment for matter {matterNumber} ({matterTitle}). Here are the details as they are now.',
  'event.intro.cancelled': '{firm} has cancelled this appointment for matter {matterNumber} ({matterTitle}).',
  'event.when': 'When: {when}',
  'event.where': 'Where: {where}',
  'event.video': 'Video call: {url}',
  'event.addToCalendar': 'You can add it to your calendar from the Events page of the secure portal.',
  'event.action': 'Open the secure portal',

  // a form to complete
  'form.subject': '{firm} has sent you a form to complete: {title}',
  'form.intro': '{firm} has asked you to complete "{title}" for matter {matterNumber} ({matterTitle}).',
  'form.drafts':
    'You can fill it in over more than one visit: your answers are saved as a draft until you submit them.',
  'form.action': 'Complete the form',

  // an invoice to pay
  'invoice.subject': '{firm} has sent you invoice {number}',
  'invoice.intro': '{firm} has added invoice {number} for matter {matterNumber} ({matterTitle}).',
  'invoice.amount': 'Amount: {currency} {amount}, due {due}.',
  'invoice.payInPortal': 'You can see it, download it and pay it from Billing in the secure portal.',
  'invoice.action': 'Open Billing',

  // the halfway reminder of a message marked "needs acknowledgement by" or "needs a reply by"
  'acknowledgement.subject.read': 'Reminder from {firm}: please confirm you have read a message',
  'acknowledgement.subject.reply': 'Reminder from {firm}: a reply is needed',
  'acknowledgement.intro.read':
    '{author} at {firm} asked you to confirm, by {due}, that you have read their message in "{title}".',
  'acknowledgement.intro.reply': '{author} at {firm} asked for your reply, by {due}, to their message in "{title}".',
  'acknowledgement.how.read': 'Open the secure portal and press "I have read this" on the message.',
  'acknowledgement.how.reply': 'Open the secure portal and reply to the message there.',
  'acknowledgement.action': 'Open secure conversation',
} as const;
