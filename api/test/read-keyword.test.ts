import { readKeyword } from '../src/modules/sms/read-keyword.js';

const stop = { keyword: 'stop', withMessage: false };
const stopWithMessage = { keyword: 'stop', withMessage: true };
const start = { keyword: 'start', withMessage: false };
const help = { keyword: 'help', withMessage: false };

describe('what a text from a phone asks for', () => {
  test.each([
    // a keyword, any case, with punctuation and words that add nothing
    ['STOP', stop],
    [' stop. ', stop],
    ['Stop please', stop],
    ['Stop please!!', stop],
    ['STOP ALL', stop],
    ['stopall', stop],
    ['Unsubscribe', stop],
    ['cancel', stop],
    ['End', stop],
    ['quit', stop],
    ['Revoke', stop],
    ['OPTOUT', stop],
    ['Opt-out', stop],
    ['opt out', stop],
    ['opt me out', stop],
    ['stop texting me', stop],
    ['Stop messaging me now, thanks', stop],
    // a clear request to stop
    ['Please stop texting me', stop],
    ['please STOP', stop],
    ['Can you unsubscribe me?', stop],
    ["I'd like to opt out", stop],
    ['I want to stop these texts', stop],
    ['Hello, stop', stop],
    ['No more texts please', stop],
    ["Don't text me anymore", stop],
    ['Do not message me', stop],
    ['Take me off your list', stop],
    ['Remove me from your list', stop],
    // the first word is a keyword and more is said: opted out, and the words are a message too
    ['Stop, I have found another firm', stopWithMessage],
    ['Cancel my appointment on Friday', stopWithMessage],
    // opting back in and asking who it is: on their own only
    ['START', start],
    ['start please', start],
    ['Unstop', start],
    ['opt in', start],
    ['HELP', help],
    ['info?', help],
  ])('when a phone texts %j, then it is read as %j', (text, expected) => {
    expect(readKeyword(text)).toEqual(expected);
  });

  test.each([
    "Don't stop",
    'Don’t stop!',
    'Please do not stop',
    'Please don’t stop sending me updates',
    'Never stop',
    'Do not stop the sale',
    'Can you stop the transfer?',
    'Start date is Monday',
    'Help me understand the contract',
    'Remove me from the will',
    'No more questions',
    'Thanks, stop by tomorrow?',
    'OK thanks',
    '🛑',
    '',
  ])('when a phone texts %j, then it is a message, not a request', (text) => {
    expect(readKeyword(text)).toBeUndefined();
  });
});
