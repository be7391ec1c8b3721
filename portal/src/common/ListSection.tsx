import type { ReactNode } from 'react';
import { Subtitle2 } from '@fluentui/react-components';
import { useListStyles } from './list-styles';

type ListSectionProps<T> = {
  /** The heading's id; the section (and, with `nameList`, the list) is labelled by it. */
  id: string;
  heading: ReactNode;
  items: readonly T[];
  keyOf: (item: T) => string;
  renderItem: (item: T) => ReactNode;
  nameList?: boolean;
  /** Shown instead of the list while there are no items. */
  empty?: ReactNode;
};

/** A titled section of a screen holding a plain list of rows with dividers. */
export function ListSection<T>({
  id,
  heading,
  items,
  keyOf,
  renderItem,
  nameList = false,
  empty,
}: ListSectionProps<T>) {
  const list = useListStyles();
  return (
    <section className={list.section} aria-labelledby={id}>
      <Subtitle2 as="h3" id={id} className={list.sectionHeading}>
        {heading}
      </Subtitle2>
      {items.length === 0 && empty !== undefined ? (
        empty
      ) : (
        <ul className={list.list} aria-labelledby={nameList ? id : undefined}>
          {items.map((item) => (
            <li key={keyOf(item)} className={list.item}>
              {renderItem(item)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
