export { progressPerFile } from '@confer/ui';
