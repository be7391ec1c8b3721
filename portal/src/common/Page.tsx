import type { ReactNode } from 'react';
import { Title3, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  scroll: { flex: '1 1 auto', minHeight: 0, overflowY: 'auto' },
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    maxWidth: '760px',
    margin: '0 auto',
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL} ${tokens.spacingVerticalXXL}`,
    boxSizing: 'border-box',
  },
  heading: { margin: 0 },
});

export type PageProps = { title: string; headingId?: string; children: ReactNode };

/** A scrolling screen with one level-2 heading (level 1 is the firm in the header). */
export function Page({ title, headingId, children }: PageProps) {
  const styles = useStyles();
  const id = headingId ?? 'page-heading';
  return (
    <div className={styles.scroll}>
      <section className={styles.page} aria-labelledby={id}>
        <Title3 as="h2" id={id} className={styles.heading}>
          {title}
        </Title3>
        {children}
      </section>
    </div>
  );
}
