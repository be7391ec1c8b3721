import { mergeClasses } from '@fluentui/react-components';
import { routeHref, type Route } from '../shell/use-hash-route';
import { t } from '../messages';

type AdminNavLinksProps = { route: Route; linkClassName: string; currentClassName: string };

const LINKS = [
  { name: 'settings', label: t.admin.settings },
  { name: 'unrouted-texts', label: t.admin.unroutedTexts },
] as const;

/** The admins' sections in the header: firm settings and texts waiting to be filed. */
export function AdminNavLinks({ route, linkClassName, currentClassName }: AdminNavLinksProps) {
  return (
    <>
      {LINKS.map((link) => {
        const current = route.name === link.name;
        return (
          <a
            key={link.name}
            href={routeHref({ name: link.name })}
            className={mergeClasses(linkClassName, current && currentClassName)}
            aria-current={current ? 'page' : undefined}
          >
            {link.label}
          </a>
        );
      })}
    </>
  );
}
