/**
 * `cmi.suspend_data` is the only place a SCORM 1.2 package can keep work between launches, and it
 * holds at most 4,096 characters (CMIString4096, RTE A.1). A payload is JSON when it fits; else
 * raw deflate (fflate) in base64 behind a one-letter prefix: `z:` plain, `d:<tag>:` with a preset
 * dictionary (text both sides know already, e.g. a lab's start state, so only the difference
 * costs space). Decoding never throws: anything unreadable is `null`.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';

/** SCORM 1.2 CMIString4096. Counted in UTF-16 code units, which is never fewer than characters. */
export const SUSPEND_LIMIT = 4096;

/** Deflate's window: a longer dictionary only helps with its last 32 KiB. */
const WINDOW = 32 * 1024;

const dictionaryBytes = (text: string): Uint8Array => {
  const bytes = strToU8(text);
  return bytes.length > WINDOW ? bytes.subarray(bytes.length - WINDOW) : bytes;
};

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array | null {
  try {
    const binary = atob(text);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

export const fits = (text: string): boolean => text.length <= SUSPEND_LIMIT;

/** The JSON itself, or `z:` + deflated base64; the shorter that is tried first. */
export function pack(json: string): string {
  if (fits(json)) return json;
  return `z:${toBase64(deflateSync(strToU8(json), { level: 9 }))}`;
}

/** Deflated against a dictionary both sides can rebuild; `tag` names it (a version), so a changed one is noticed. */
export function packWith(json: string, dictionary: string, tag: string): string {
  return `d:${tag}:${toBase64(deflateSync(strToU8(json), { level: 9, dictionary: dictionaryBytes(dictionary) }))}`;
}

export type Unpacked = { ok: true; value: unknown } | { ok: false; reason: 'empty' | 'unreadable' | 'other-dictionary'; tag?: string };

/** Reads what `pack`/`packWith` wrote. `dictionaryFor(tag)` gives the dictionary, or null when that tag is not the current one. */
export function unpack(text: string, dictionaryFor: (tag: string) => string | null = () => null): Unpacked {
  if (text.trim() === '') return { ok: false, reason: 'empty' };
  let json: string;
  try {
    if (text.startsWith('z:')) {
      const bytes = fromBase64(text.slice(2));
      if (!bytes) return { ok: false, reason: 'unreadable' };
      json = strFromU8(inflateSync(bytes));
    } else if (text.startsWith('d:')) {
      const end = text.indexOf(':', 2);
      if (end < 0) return { ok: false, reason: 'unreadable' };
      const tag = text.slice(2, end);
      const dictionary = dictionaryFor(tag);
      if (dictionary === null) return { ok: false, reason: 'other-dictionary', tag };
      const bytes = fromBase64(text.slice(end + 1));
      if (!bytes) return { ok: false, reason: 'unreadable' };
      json = strFromU8(inflateSync(bytes, { dictionary: dictionaryBytes(dictionary) }));
    } else json = text;
    return { ok: true, value: JSON.parse(json) as unknown };
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
}
