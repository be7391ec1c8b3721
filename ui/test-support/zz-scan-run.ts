import { findHardCodedStringsUnder } from './find-hard-coded-strings.ts';
const [root, ...dirs] = process.argv.slice(2);
for (const f of findHardCodedStringsUnder(root, dirs)) console.log(`${f.file}:${f.line} ${f.text}`);
