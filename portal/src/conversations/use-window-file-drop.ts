export { useWindowFileDrop } from '@confer/ui';
