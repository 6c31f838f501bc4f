/** Bytes before the payload of a binary measurement frame: the 16-byte probe id, then the chunk index (uint32, big-endian). */
export const NET_FRAME_HEADER_BYTES = 20;

/** One parsed binary measurement frame. */
export interface NetFrame {
  /** The probe id, lower-case hex (as in the JSON messages). */
  id: string;
  index: number;
  /** A view of the frame's bytes after the header (not a copy). */
  payload: Uint8Array;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Writes the header of frame `index` of probe `id` into the first
 * {@link NET_FRAME_HEADER_BYTES} bytes of `frame`, whose payload the caller fills (no copy).
 * @param frame - header plus payload
 * @param header - the probe id (32 lower-case hex characters) and the chunk index
 */
export function writeNetFrameHeader(frame: Uint8Array, header: { id: string; index: number }): Uint8Array {
  if (!/^[0-9a-f]{32}$/.test(header.id)) throw new RangeError('probe id must be 16 bytes of lower-case hex');
  for (let i = 0; i < 16; i++) frame[i] = parseInt(header.id.slice(2 * i, 2 * i + 2), 16);
  new DataView(frame.buffer, frame.byteOffset, frame.byteLength).setUint32(16, header.index);
  return frame;
}

/**
 * Splits a binary measurement frame into probe id, index and payload; undefined when it is
 * too short to hold a header.
 * @param frame - the bytes of one binary WebSocket message
 */
export function parseNetFrame(frame: Uint8Array): NetFrame | undefined {
  if (frame.byteLength < NET_FRAME_HEADER_BYTES) return undefined;
  let id = '';
  for (let i = 0; i < 16; i++) id += HEX[frame[i]!]!;
  const index = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(16);
  return { id, index, payload: frame.subarray(NET_FRAME_HEADER_BYTES) };
}
