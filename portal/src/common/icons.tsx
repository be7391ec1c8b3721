import type { SVGProps } from 'react';

type IconProps = Omit<SVGProps<SVGSVGElement>, 'children'>;

/** Decorative 20px line icons: the control around them carries the accessible name. */
function icon(paths: string[], filled: string[] = []) {
  return function Icon(props: IconProps) {
    return (
      <svg
        width="1.25em"
        height="1.25em"
        viewBox="0 0 20 20"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.5}
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden="true"
        focusable="false"
        {...props}
      >
        {paths.map((d) => (
          <path key={d} d={d} />
        ))}
        {filled.map((d) => (
          <path key={d} d={d} fill="currentColor" stroke="none" />
        ))}
      </svg>
    );
  };
}

export const ToDoIcon = icon(['M3 5.5l1.5 1.5L7 4.5', 'M3 12.5l1.5 1.5L7 11.5', 'M9.5 6h7.5', 'M9.5 13h7.5']);
export const MessagesIcon = icon([
  'M4 3.5h12a1 1 0 0 1 1 1V13a1 1 0 0 1-1 1H9l-4 3v-3H4a1 1 0 0 1-1-1V4.5a1 1 0 0 1 1-1z',
]);
export const DocumentIcon = icon([
  'M5 2.5h6.5l4 4V17a.5.5 0 0 1-.5.5H5a.5.5 0 0 1-.5-.5V3a.5.5 0 0 1 .5-.5z',
  'M11.5 2.5v4h4',
]);
export const PaperclipIcon = icon([
  'M15 9.5l-5.3 5.3a3.2 3.2 0 0 1-4.5-4.5l6.2-6.2a2.1 2.1 0 0 1 3 3l-6.1 6.1a1 1 0 0 1-1.5-1.4l5.5-5.5',
]);
export const SendIcon = icon(['M3 3.5l14 6.5-14 6.5 2.2-6.5L3 3.5z', 'M5.2 10h5.8']);
export const BackIcon = icon(['M12.5 4.5L7 10l5.5 5.5']);
export const MoreIcon = icon(
  [],
  [
    'M5 11.25a1.25 1.25 0 1 0 0-2.5 1.25 1.25 0 0 0 0 2.5z',
    'M10 11.25a1.25 1.25 0 1 0 0-2.5 1.25 1.25 0 0 0 0 2.5z',
    'M15 11.25a1.25 1.25 0 1 0 0-2.5 1.25 1.25 0 0 0 0 2.5z',
  ],
);
export const PrintIcon = icon([
  'M6 7V3h8v4',
  'M6 14H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h12a1 1 0 0 1 1 1v5a1 1 0 0 1-1 1h-2',
  'M6 11h8v6H6z',
]);
export const DownloadIcon = icon(['M10 3v10', 'M6 9l4 4 4-4', 'M4 16.5h12']);
export const UploadIcon = icon(['M10 14V4', 'M6 8l4-4 4 4', 'M4 16.5h12']);
export const SignOutIcon = icon(['M8 3.5H5a1 1 0 0 0-1 1v11a1 1 0 0 0 1 1h3', 'M12.5 6l4 4-4 4', 'M16.5 10H8']);
export const PinIcon = icon(['M7 3h6', 'M8 3v5l-3 3h10l-3-3V3', 'M10 11v6']);
export const DismissIcon = icon(['M5 5l10 10', 'M15 5L5 15']);
export const LockIcon = icon(['M6.5 9V6.5a3.5 3.5 0 0 1 7 0V9', 'M5 9h10v8H5z']);
export const SwitchIcon = icon(['M4 7h11', 'M12 4l3 3-3 3', 'M16 13H5', 'M8 10l-3 3 3 3']);
export const CalendarIcon = icon([
  'M4 4.5h12a.5.5 0 0 1 .5.5v11a.5.5 0 0 1-.5.5H4a.5.5 0 0 1-.5-.5V5a.5.5 0 0 1 .5-.5z',
  'M3.5 8h13',
  'M7 2.5v3',
  'M13 2.5v3',
]);
export const BillingIcon = icon([
  'M5 2.5h10v15l-2-1.5-1.5 1.5-1.5-1.5-1.5 1.5L7 16l-2 1.5z',
  'M7.5 7h5',
  'M7.5 10h5',
  'M7.5 13h3',
]);
export const VideoIcon = icon([
  'M3 6h9.5a.5.5 0 0 1 .5.5v7a.5.5 0 0 1-.5.5H3a.5.5 0 0 1-.5-.5v-7A.5.5 0 0 1 3 6z',
  'M13 9l4.5-2.5v7L13 11',
]);
export const LocationIcon = icon([
  'M10 17.5s5-4.6 5-9a5 5 0 0 0-10 0c0 4.4 5 9 5 9z',
  'M10 10a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3z',
]);
export const FormIcon = icon([
  'M5 2.5h10a.5.5 0 0 1 .5.5v14a.5.5 0 0 1-.5.5H5a.5.5 0 0 1-.5-.5V3a.5.5 0 0 1 .5-.5z',
  'M7.5 6.5h5',
  'M7.5 10h5',
  'M7.5 13.5h3',
]);
