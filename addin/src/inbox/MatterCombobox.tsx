import { useEffect, useState } from 'react';
import { Combobox, Field, Option, makeStyles, tokens } from '@fluentui/react-components';
import type { Matter } from '@confer/ui';
import { useApi } from '../common/use-api';
import { useDebouncedValue } from '@confer/ui';
import { t } from '../messages';

type MatterComboboxProps = {
  /** The chosen matter, or null for none (a direct message with colleagues). */
  value: Matter | null;
  onChange: (matter: Matter | null) => void;
  disabled?: boolean;
};

const NONE = 'none';

export const matterText = (m: Matter) => `${m.number} · ${m.title}`;

const useStyles = makeStyles({ combobox: { minWidth: 0, width: '100%' }, listbox: { maxHeight: '260px' } });
const useOptionStyles = makeStyles({ none: { color: tokens.colorNeutralForeground2 } });

/**
 * "Matter": none (a direct message) or one of the open matters I can see, found by typing its
 * number or title (asked of the server as you type, like the matters list).
 */
export function MatterCombobox({ value, onChange, disabled }: MatterComboboxProps) {
  const styles = useStyles();
  const optionStyles = useOptionStyles();
  const api = useApi();
  const [text, setText] = useState(value ? matterText(value) : '');
  const [typing, setTyping] = useState(false);
  const [open, setOpen] = useState(false);
  const q = useDebouncedValue(typing ? text.trim() : '', 250);
  const [matters, setMatters] = useState<Matter[]>([]);

  useEffect(() => {
    const controller = new AbortController();
    api.listMatters({ q: q || undefined, status: 'open', limit: 20 }, { signal: controller.signal }).then(
      (page) => setMatters(page.items),
      () => undefined,
    );
    return () => controller.abort();
  }, [api, q]);

  const offered = value && !matters.some((m) => m.id === value.id) ? [value, ...matters] : matters;

  return (
    <Field label={t.inbox.matter} hint={t.inbox.chooseAMatterTo}>
      <Combobox
        className={styles.combobox}
        listbox={{ className: styles.listbox }}
        freeform
        disabled={disabled}
        placeholder={t.inbox.noneADirectMessage}
        value={text}
        open={open}
        onOpenChange={(_, data) => setOpen(data.open)}
        selectedOptions={[value?.id ?? NONE]}
        onChange={(event) => {
          setText(event.target.value);
          setTyping(true);
          setOpen(true); // typed or pasted: show what matches
        }}
        onOptionSelect={(_, data) => {
          const picked = offered.find((m) => m.id === data.optionValue) ?? null;
          setTyping(false);
          setText(picked ? matterText(picked) : '');
          onChange(picked);
        }}
        onBlur={() => {
          // Text that picked nothing goes back to the chosen matter.
          setTyping(false);
          setText(value ? matterText(value) : '');
        }}
      >
        <Option value={NONE} text={t.inbox.noneADirectMessageLabel} className={optionStyles.none}>
          {t.inbox.noneADirectMessage}
        </Option>
        {offered.map((m) => (
          <Option key={m.id} value={m.id} text={matterText(m)}>
            {matterText(m)}
          </Option>
        ))}
      </Combobox>
    </Field>
  );
}
