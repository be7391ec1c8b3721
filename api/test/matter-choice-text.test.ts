import { matterChoiceText, readChoice, smsSegments } from '../src/modules/sms/matter-choice-text.js';

const long = (n: number) => ({
  matterNumber: `2026-000${n}`,
  title: `Purchase of the freehold of Unit ${n}, Riverside Industrial Estate, with the adjoining car park`,
});

describe('the numbered list of matters texted for a held reply', () => {
  test('when five matters have long titles, then all five numbers are offered within two segments, titles cut', () => {
    const text = matterChoiceText('Harbour & Quay Solicitors LLP', [1, 2, 3, 4, 5].map(long));
    expect(smsSegments(text)).toBeLessThanOrEqual(2);
    for (const n of [1, 2, 3, 4, 5]) expect(text).toContain(`${n === 1 ? 'Reply ' : ''}${n} for 2026-000${n}`);
    expect(text).toContain('...');
    expect(text).not.toContain('adjoining car park');
  });

  test('when a title needs Unicode, then the text is measured as UCS-2 and still fits in two segments', () => {
    const text = matterChoiceText('Zoë Łukasz & Co', [
      { matterNumber: '2026-0001', title: 'Sale of Zoë’s flat at 3 Harbour Row' },
      { matterNumber: '2026-0002', title: 'Łukasz Nowak employment claim against his employer' },
      { matterNumber: '2026-0003', title: 'Lease renewal' },
    ]);
    expect(text.length).toBeLessThanOrEqual(134);
    expect(smsSegments(text)).toBeLessThanOrEqual(2);
    expect(text).toMatch(/Reply 1 for 2026-0001 .*, 2 for 2026-0002 .*, 3 for 2026-0003/);
  });

  test('when titles are short, then they are whole and the list fits in one segment', () => {
    const text = matterChoiceText('Acme Law', [
      { matterNumber: '2026-0001', title: 'Purchase of 14 Quay Street' },
      { matterNumber: '2026-0002', title: 'Will' },
    ]);
    expect(text).toBe(
      'Acme Law: which matter is your text about? Reply 1 for 2026-0001 Purchase of 14 Quay Street, 2 for 2026-0002 Will.',
    );
    expect(smsSegments(text)).toBe(1);
  });

  test('when a reply is only a number, then it is a choice; when it says more, then it is not', () => {
    expect(['2', ' 3 ', '#4', '5.', '1)'].map(readChoice)).toEqual([2, 3, 4, 5, 1]);
    expect(['2 please', 'option 2', '2a', '', 'two', '1,2'].map(readChoice)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
