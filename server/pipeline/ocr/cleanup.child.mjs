// The scan cleanup's own process. @napi-rs/canvas decodes the page, and its decoder crashes the whole process on some
// damaged headers (a PNG or JPEG cut short), so the pass runs apart: a crash loses one page's cleanup, nothing else.
// Its pixel loops take half a second a megapixel, which the server's event loop never waits on either.
import { register } from 'tsx/esm/api';

register();
const { cleanScan } = await import('./cleanup.ts');
process.once('message', async (message) => {
  let png = null;
  try {
    png = (await cleanScan(message.bytes)) ?? null;
  } catch {
    png = null;
  }
  process.send({ png }, () => process.exit(0));
});
