// After `vite build`: a gzip and a brotli copy beside each text asset, which the web server sends to a
// browser that accepts them (@fastify/static's preCompressed). Done once at build time, at the
// highest levels, instead of compressing every response.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const TEXT = /\.(js|css|html|svg|json|txt|map)$/;
let files = 0;
let before = 0;
let after = 0;
const visit = (dir) => {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) visit(file);
    else if (TEXT.test(name)) {
      const body = readFileSync(file);
      const gz = gzipSync(body, { level: 9 });
      writeFileSync(`${file}.gz`, gz);
      writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
      files++;
      before += body.length;
      after += gz.length;
    }
  }
};
visit(dist);
process.stdout.write(`compressed ${files} files: ${(before / 1024).toFixed(1)} KB, ${(after / 1024).toFixed(1)} KB gzipped (brotli beside)\n`);
