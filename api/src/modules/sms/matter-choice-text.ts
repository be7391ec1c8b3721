/** At most this many matters are offered in one list. */
export const maxMatterChoices = 5;
/** The list must fit in this many SMS segments. */
export const maxListSegments = 2;

// GSM 03.38: the basic set (one septet) and the extension table (two)
const gsmBasic = new Set(
  Array.from(
    '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
  ),
);
const gsmExtension = new Set(Array.from('^{}\\[~]|€\f'));

/** How many SMS segments a text takes (GSM-7 when every character allows it, else UCS-2). */
export function smsSegments(text: string): number {
  const chars = Array.from(text);
  if (chars.every((c) => gsmBasic.has(c) || gsmExtension.has(c))) {
    const septets = chars.reduce((n, c) => n + (gsmExtension.has(c) ? 2 : 1), 0);
    return septets <= 160 ? 1 : Math.ceil(septets / 153);
  }
  const units = text.length; // UTF-16 code units
  return units <= 70 ? 1 : Math.ceil(units / 67);
}

const cut = (s: string, max: number) => {
  const chars = Array.from(s.replace(/\s+/gu, ' ').trim());
  if (chars.length <= max) return chars.join('');
  // "..." not "…": the ellipsis is not GSM-7 and would halve what fits in a segment
  return max <= 3
    ? ''
    : `${chars
        .slice(0, max - 3)
        .join('')
        .trimEnd()}...`;
};

export type TChoiceLine = { matterNumber: string | null; title: string };

/**
 * The numbered list texted to a sender whose reply could be for several matters: matter
 * numbers and titles only (never message text), titles cut until the whole fits in two
 * segments (at the end, numbers alone). `again` words it as the one reminder.
 */
export function matterChoiceText(firmName: string, choices: TChoiceLine[], again = false): string {
  const firm = cut(firmName, 30);
  const n = choices.length;
  const intro = again
    ? `${firm}: please reply with just a number from 1 to ${n}.`
    : `${firm}: which matter is your text about?`;
  const build = (titleMax: number) => {
    const items = choices.map((c, i) => {
      const title = titleMax > 0 ? cut(c.title, titleMax) : '';
      const name = [c.matterNumber ? cut(c.matterNumber, 20) : '', title].filter(Boolean).join(' ');
      return `${i === 0 ? 'Reply ' : ''}${i + 1} for ${name || 'a matter'}`;
    });
    return `${intro} ${items.join(', ')}.`;
  };
  for (let titleMax = 48; titleMax > 3; titleMax -= 2) {
    const text = build(titleMax);
    if (smsSegments(text) <= maxListSegments) return text;
  }
  return build(0);
}

/** A reply that is only a choice: "2", "2.", "#2", " 2 " (undefined for anything else). */
export function readChoice(text: string): number | undefined {
  const match = /^\s*#?\s*(\d{1,3})\s*[.)]?\s*$/u.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** The short confirmation after a choice: where the held text went, by matter number. */
export function choiceConfirmationText(firmName: string, choice: TChoiceLine): string {
  const where = choice.matterNumber ? cut(choice.matterNumber, 20) : cut(choice.title, 40);
  return `${cut(firmName, 30)}: thank you, your text was added to ${where}.`;
}
