import { buildExtension, makeScratchProject } from './measure-build';
import { measurePopup } from './measure-popup';
import { existsSync } from 'node:fs';
const [mode, url] = process.argv.slice(2);
if (mode === 'copy') { if (!existsSync('/tmp/bb/proto')) makeScratchProject('/work/main', '/tmp/bb/proto'); process.exit(0); }
const b = await buildExtension('/tmp/bb/proto', '/tmp/bb/corpus-10000');
const r = await measurePopup(b.extensionDir, url, 15, '/tmp/bb', () => {});
console.log(mode, 'popup', r.popupMs.toFixed(1), 'blank', r.blankMs.toFixed(1), 'ratio', (r.popupMs / r.blankMs).toFixed(2));
