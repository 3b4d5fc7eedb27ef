/** Bytes that start like a JPEG (so content checks pass), `size` long, deterministic. */
export function jpeg(size: number, seed = 1): Uint8Array {
  const b = new Uint8Array(size)
  let x = seed
  for (let i = 0; i < size; i++) b[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24
  b.set([0xff, 0xd8, 0xff, 0xe0])
  return b
}

/** Bytes that start like a PNG. */
export const png = (size: number) => {
  const b = jpeg(size, 7)
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return b
}

/** Bytes that start like an MP3 (ID3 tag). */
export const mp3 = (size: number) => {
  const b = jpeg(size, 3)
  b.set([0x49, 0x44, 0x33, 0x03])
  return b
}

/** Bytes that start like an MP4. */
export const mp4 = (size: number) => {
  const b = jpeg(size, 5)
  b.set([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70])
  return b
}
