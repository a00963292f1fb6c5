import type { Readable, Transform } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { NewsmirrorError } from "../../errors.js";

const DECODERS: Readonly<Record<string, () => Transform>> = {
  gzip: createGunzip,
  "x-gzip": createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * Reads a (possibly compressed) body up to `max` bytes after decompression, so neither an
 * endless response nor a small gzip bomb can fill memory.
 */
export async function readBody(
  body: Readable,
  encoding: string | undefined,
  max: number,
  describe: () => string,
): Promise<Uint8Array> {
  const name = (encoding ?? "").trim().toLowerCase();
  const decoder = DECODERS[name]?.();
  // pipe() does not pass errors on: a reset connection must end the decoder's stream too.
  if (decoder) body.on("error", (error) => decoder.destroy(error));
  const stream: AsyncIterable<Buffer> = decoder ? body.pipe(decoder) : body;
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      total += chunk.length;
      if (total > max) {
        throw new NewsmirrorError("E_TOO_LARGE", `${describe()}: body larger than ${max} bytes`, {
          suggestion: "raise http.maxBodyBytes in the config if this feed is really that large",
        });
      }
      chunks.push(chunk);
    }
  } finally {
    if (total > max) {
      body.destroy();
      decoder?.destroy();
    }
  }
  return new Uint8Array(Buffer.concat(chunks));
}
