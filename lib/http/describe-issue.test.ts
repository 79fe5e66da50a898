import { describe, expect, it } from "vitest";
import { credentialsSchema, newTokenSchema } from "@/lib/accounts/account-contract";
import { describeIssue } from "./describe-issue";

const firstMessage = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  describeIssue(result.error!.issues[0]!, "body");

describe("describeIssue", () => {
  it("shows a sentence written for people as it is, without the field's name", () => {
    expect(describeIssue({ path: ["email"], message: "Enter an email address." }, "body")).toBe(
      "Enter an email address.",
    );
  });

  it("names the field before a fragment, for the API's other callers", () => {
    expect(describeIssue({ path: ["page", "limit"], message: "must be at most 100" }, "query")).toBe(
      "page.limit: must be at most 100",
    );
    expect(describeIssue({ path: [], message: "give roles, disabled, or both" }, "body")).toBe(
      "body: give roles, disabled, or both",
    );
  });
});

describe("the account forms' messages", () => {
  it("asks for an email address in words, whatever is wrong with it", () => {
    for (const email of ["", "   ", "not-an-email", "ada@", `${"a".repeat(250)}@example.com`, undefined]) {
      expect(firstMessage(credentialsSchema.safeParse({ email, password: "a long passphrase" }))).toMatch(
        /^Enter an email address/,
      );
    }
  });

  it("asks for a password in words", () => {
    expect(firstMessage(credentialsSchema.safeParse({ email: "ada@example.com", password: "" }))).toBe(
      "Enter your password.",
    );
    expect(firstMessage(credentialsSchema.safeParse({ email: "ada@example.com", password: "x".repeat(257) }))).toBe(
      "Choose a password of at most 256 characters.",
    );
  });

  it("asks for a token name in words", () => {
    expect(firstMessage(newTokenSchema.safeParse({ name: "  " }))).toBe("Give the token a name.");
    expect(firstMessage(newTokenSchema.safeParse({ name: "x".repeat(81) }))).toBe(
      "Give the token a name of at most 80 characters.",
    );
  });
});
