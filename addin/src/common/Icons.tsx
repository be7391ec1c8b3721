import type { ReactNode, SVGProps } from 'react';

type IconProps = Omit<SVGProps<SVGSVGElement>, 'children'>;

function Svg({ children, ...props }: IconProps & { children: ReactNode }) {
  return (
    <svg
      width="1em"
      height="1em"
      viewBox="0 0 16 16"
      fill="currentColor"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
      {children}
    </svg>
  );
}

/** Decorative 16px icons; give them a label via the surrounding control, not here. */
export function LockIcon(props: IconProps) {
  return (
    <svg
      width="1em"
      height="1em"
      viewBox="0 0 16 16"
      fill="currentColor"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
      <path d="M8 1a3 3 0 0 0-3 3v2h-.5A1.5 1.5 0 0 0 3 7.5v6A1.5 1.5 0 0 0 4.5 15h7a1.5 1.5 0 0 0 1.5-1.5v-6A1.5 1.5 0 0 0 11.5 6H11V4a3 3 0 0 0-3-3Zm2 5H6V4a2 2 0 1 1 4 0v2ZM4.5 7h7a.5.5 0 0 1 .5.5v6a.5.5 0 0 1-.5.5h-7a.5.5 0 0 1-.5-.5v-6a.5.5 0 0 1 .5-.5ZM8 9a1 1 0 0 0-.5 1.87V12a.5.5 0 0 0 1 0v-1.13A1 1 0 0 0 8 9Z" />
    </svg>
  );
}

export function BackIcon(props: IconProps) {
  return (
    <svg
      width="1em"
      height="1em"
      viewBox="0 0 16 16"
      fill="currentColor"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
      <path d="M10.35 3.15a.5.5 0 0 1 0 .7L6.21 8l4.14 4.15a.5.5 0 0 1-.7.7l-4.5-4.5a.5.5 0 0 1 0-.7l4.5-4.5a.5.5 0 0 1 .7 0Z" />
    </svg>
  );
}

export function AddIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M8 2a.5.5 0 0 1 .5.5v5h5a.5.5 0 0 1 0 1h-5v5a.5.5 0 0 1-1 0v-5h-5a.5.5 0 0 1 0-1h5v-5A.5.5 0 0 1 8 2Z" />
    </Svg>
  );
}

export function SendIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M1.72 1.05a.5.5 0 0 1 .54-.07l12.5 6.5a.5.5 0 0 1 0 .89l-12.5 6.5a.5.5 0 0 1-.71-.58L3.2 8 1.55 1.71a.5.5 0 0 1 .17-.66ZM4.1 8.5l-1.22 4.66L13.4 8 2.88 2.84 4.1 7.5H9a.5.5 0 0 1 0 1H4.1Z" />
    </Svg>
  );
}

export function LinkIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M6.5 4a.5.5 0 0 1 0 1H5a3 3 0 0 0 0 6h1.5a.5.5 0 0 1 0 1H5a4 4 0 0 1 0-8h1.5Zm3 0H11a4 4 0 0 1 0 8H9.5a.5.5 0 0 1 0-1H11a3 3 0 0 0 0-6H9.5a.5.5 0 0 1 0-1ZM5 7.5h6a.5.5 0 0 1 0 1H5a.5.5 0 0 1 0-1Z" />
    </Svg>
  );
}

export function MoreIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M4.5 8a1.25 1.25 0 1 1-2.5 0 1.25 1.25 0 0 1 2.5 0Zm4.75 0a1.25 1.25 0 1 1-2.5 0 1.25 1.25 0 0 1 2.5 0ZM14 8a1.25 1.25 0 1 1-2.5 0A1.25 1.25 0 0 1 14 8Z" />
    </Svg>
  );
}

export function PinIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M10.06 1.36a1 1 0 0 0-1.6.26L6.93 4.68 3.87 5.9a.5.5 0 0 0-.17.82L5.79 8.8 2.15 12.44a.5.5 0 0 0 .7.7L6.5 9.5l2.08 2.09a.5.5 0 0 0 .82-.17l1.22-3.06 3.06-1.53a1 1 0 0 0 .26-1.6l-3.88-3.87Zm-.7.71 3.87 3.88-3.25 1.62a.5.5 0 0 0-.24.26l-1 2.5-4.07-4.07 2.5-1a.5.5 0 0 0 .26-.24L9.36 2.07Z" />
    </Svg>
  );
}

export function HashIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M6.49 2.01a.5.5 0 0 1 .41.57L6.59 5h3.5l.42-2.58a.5.5 0 1 1 .98.16L11.1 5h2.4a.5.5 0 0 1 0 1h-2.56l-.5 4h2.56a.5.5 0 0 1 0 1h-2.72l-.37 2.58a.5.5 0 1 1-.99-.16l.35-2.42h-3.5l-.37 2.58a.5.5 0 1 1-.99-.16L4.77 11H2.5a.5.5 0 0 1 0-1h2.42l.5-4H2.5a.5.5 0 0 1 0-1h3.08l.34-2.58a.5.5 0 0 1 .57-.41ZM6.44 6l-.5 4h3.5l.5-4h-3.5Z" />
    </Svg>
  );
}

export function ShieldIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M7.7 1.1a.5.5 0 0 1 .6 0C9.9 2.3 11.6 3 13.5 3a.5.5 0 0 1 .5.5V7c0 3.4-2 5.9-5.83 7.47a.5.5 0 0 1-.34 0C4.01 12.9 2 10.4 2 7V3.5a.5.5 0 0 1 .5-.5c1.9 0 3.6-.7 5.2-1.9ZM3 3.99V7c0 2.86 1.6 4.97 5 6.46 3.4-1.49 5-3.6 5-6.46V3.99A9.6 9.6 0 0 1 8 2.12a9.6 9.6 0 0 1-5 1.87Z" />
    </Svg>
  );
}

export function DocumentIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M4.5 1A1.5 1.5 0 0 0 3 2.5v11A1.5 1.5 0 0 0 4.5 15h7a1.5 1.5 0 0 0 1.5-1.5V5.7a1.5 1.5 0 0 0-.44-1.06l-2.7-2.7A1.5 1.5 0 0 0 8.8 1.5L8.8 1H4.5ZM4 2.5a.5.5 0 0 1 .5-.5H8v2.5A1.5 1.5 0 0 0 9.5 6H12v7.5a.5.5 0 0 1-.5.5h-7a.5.5 0 0 1-.5-.5v-11ZM11.8 5H9.5a.5.5 0 0 1-.5-.5V2.2L11.8 5Z" />
    </Svg>
  );
}

export function PaperclipIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M10.5 2.5a2.5 2.5 0 0 0-1.77.73L3.65 8.32a3.75 3.75 0 0 0 5.3 5.3l4.2-4.2a.5.5 0 0 0-.7-.7l-4.2 4.2a2.75 2.75 0 0 1-3.9-3.9l5.09-5.08a1.5 1.5 0 0 1 2.12 2.12L6.5 11.12a.25.25 0 0 1-.35-.35l4.2-4.2a.5.5 0 0 0-.7-.7l-4.2 4.2a1.25 1.25 0 0 0 1.77 1.76l5.06-5.06A2.5 2.5 0 0 0 10.5 2.5Z" />
    </Svg>
  );
}
