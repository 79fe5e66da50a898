import { type AttributeKey, findAttribute } from "./attributes";
import type { Profile } from "./types";

/**
 * Reads the lines of one profile block: `"Art Styles": "…",` per attribute.
 * Several profiles (multi-preference users) start with "Profile 2:" or by
 * naming an attribute again. A value whose closing quote has not come yet
 * takes the following lines until the next attribute or the block's end.
 */

export type ProfileAttributeRead = { profileIndex: number; attribute: AttributeKey; value: string };

const profileHeading = /^\s*[-*#]*\s*\**\s*Profile\s*(\d+)\s*\**\s*:?\s*\**\s*(.*)$/i;
const keyValue = /^\s*[-*]?\s*\**\s*"?([A-Za-z][A-Za-z ]*?)"?\s*\**\s*:\s*(.*)$/;

/** A value's text without its quotes and trailing comma; whether its closing quote was seen. */
function cleanValue(raw: string): { value: string; isClosed: boolean } {
  let value = raw.trim();
  const opened = value.startsWith('"');
  if (opened) value = value.slice(1);
  const closing = /"\s*,?\s*}?\s*$/.exec(value);
  if (closing) return { value: value.slice(0, closing.index).trim(), isClosed: true };
  // Unquoted values end with their line.
  return { value: value.replace(/,\s*$/, "").trim(), isClosed: !opened };
}

/** Whether a profile line names an attribute or starts a profile, by the reader's own patterns: for showing the text with its parts marked. */
export function isProfileLine(line: string): boolean {
  if (profileHeading.test(line)) return true;
  const pair = keyValue.exec(line);
  return Boolean(pair && findAttribute(pair[1]!));
}

export class ProfileReader {
  readonly profiles: Profile[] = [{}];
  private pending: { attribute: AttributeKey; value: string } | null = null;

  private get current(): Profile {
    return this.profiles[this.profiles.length - 1]!;
  }

  private startProfile(): void {
    if (Object.keys(this.current).length > 0) this.profiles.push({});
  }

  /** Reads one line; returns the attributes it completed. */
  readLine(line: string): ProfileAttributeRead[] {
    const done: ProfileAttributeRead[] = [];
    const heading = profileHeading.exec(line);
    if (heading) {
      this.flush(done);
      this.startProfile();
      if (heading[2]) done.push(...this.readLine(heading[2]));
      return done;
    }
    const pair = keyValue.exec(line);
    const attribute = pair ? findAttribute(pair[1]!) : null;
    if (pair && attribute) {
      this.flush(done);
      if (this.current[attribute] !== undefined) this.startProfile();
      const { value, isClosed } = cleanValue(pair[2]!);
      if (isClosed) this.complete(attribute, value, done);
      else this.pending = { attribute, value };
      return done;
    }
    if (this.pending && line.trim() !== "") {
      const { value, isClosed } = cleanValue(`"${line}`);
      this.pending.value = `${this.pending.value} ${value}`.trim();
      if (isClosed) this.flush(done);
    }
    return done;
  }

  /** Completes a value still waiting for its closing quote (at the block's end). */
  end(): ProfileAttributeRead[] {
    const done: ProfileAttributeRead[] = [];
    this.flush(done);
    return done;
  }

  private flush(done: ProfileAttributeRead[]): void {
    if (!this.pending) return;
    const { attribute, value } = this.pending;
    this.pending = null;
    this.complete(attribute, value, done);
  }

  private complete(attribute: AttributeKey, value: string, done: ProfileAttributeRead[]): void {
    this.current[attribute] = value;
    done.push({ profileIndex: this.profiles.length - 1, attribute, value });
  }
}
