import type { Readable } from "node:stream";
import { NewsmirrorError } from "../../errors.js";

/**
 * Reads a body (undici has decompressed it) up to `max` bytes, so neither an endless response
 * nor a small gzip bomb can fill memory.
 */
export async function readBody(
  body: Readable,
  max: number,
  describe: () => string,
): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > max) {
      body.destroy();
      throw new NewsmirrorError("E_TOO_LARGE", `${describe()}: body larger than ${max} bytes`, {
        suggestion: "raise http.maxBodyBytes in the config if this feed is really that large",
      });
    }
    chunks.push(chunk);
  }
  // A Buffer is a Uint8Array: wrapping it in a new one would copy the whole body once more.
  return Buffer.concat(chunks, total);
}
