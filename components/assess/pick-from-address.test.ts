import { describe, expect, it } from "vitest";
import { assessPathFor, readPickFromAddress } from "./pick-from-address";

const a = "0b8f3f7e-3c1a-4a53-9d55-1f2a3b4c5d6e";
const b = "1c9f4f8e-4d2b-4b64-8e66-2f3a4b5c6d7f";

describe("images handed to the assess page in its address", () => {
  it("come back as they were sent", () => {
    const path = assessPathFor({ preferred: [a], candidates: [a, b] });
    expect(readPickFromAddress(new URL(path, "http://x").searchParams)).toEqual({
      preferred: [a],
      nonPreferred: [],
      candidates: [a, b],
    });
  });

  it("are none when the address names no image, and drop what is not an id", () => {
    expect(readPickFromAddress(new URLSearchParams("assessment=123"))).toBeNull();
    expect(readPickFromAddress(new URLSearchParams(`nonPreferred=<script>,${b}`))).toEqual({
      preferred: [],
      nonPreferred: [b],
      candidates: [],
    });
  });

  it("keep at most two candidates", () => {
    expect(readPickFromAddress(new URLSearchParams(`candidates=${a},${b},${a}`))!.candidates).toEqual([a, b]);
  });
});
